import { getMetadataStorage } from 'class-validator';

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
type ValidationMetadata = ReturnType<MetadataStorage['getTargetValidationMetadatas']>[number];

const cachedStorages = new WeakSet<MetadataStorage>();

/**
 * class-validator looks up a class's rules afresh for every object it validates: it filters every
 * rule of the class and tests the class against every other class that has rules (for
 * inheritance), then groups the rules by property. On the webhook that is done for the envelope and
 * for each nested body object, and it was the largest single cost of validation. The rules change
 * only when a decorated class is declared, so the answers are kept per class and lookup options,
 * and forgotten whenever a rule is added.
 */
export function cacheValidationMetadata(storage: MetadataStorage = getMetadataStorage()): void {
  if (cachedStorages.has(storage)) {
    return;
  }
  cachedStorages.add(storage);
  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  const addRule = storage.addValidationMetadata.bind(storage);
  let rules = new Map<unknown, Map<string, ValidationMetadata[]>>();
  let grouped = new WeakMap<ValidationMetadata[], Record<string, ValidationMetadata[]>>();

  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const options = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0000') ?? ''}`;
    let ofTarget = rules.get(target);
    if (!ofTarget) {
      ofTarget = new Map();
      rules.set(target, ofTarget);
    }
    let found = ofTarget.get(options);
    if (!found) {
      found = Object.freeze(lookUp(target, schema, always, strictGroups, groups)) as ValidationMetadata[];
      ofTarget.set(options, found);
    }
    return found;
  };
  storage.groupByPropertyName = (metadata) => {
    let byProperty = grouped.get(metadata);
    if (!byProperty) {
      byProperty = group(metadata);
      Object.values(byProperty).forEach((list) => Object.freeze(list));
      // Only the frozen arrays handed out above stay the same from call to call; others are grouped each time.
      if (Object.isFrozen(metadata)) {
        grouped.set(metadata, Object.freeze(byProperty));
      }
    }
    return byProperty;
  };
  storage.addValidationMetadata = (metadata) => {
    rules = new Map();
    grouped = new WeakMap();
    addRule(metadata);
  };
}
