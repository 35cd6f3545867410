// class-transformer keeps its decorator metadata in a module it does not re-export; this names its types.
declare module 'class-transformer/cjs/storage.js' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
