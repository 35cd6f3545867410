// NestJS 12 ships ES modules only, and Jest cannot require() them on Node 20. Jest compiles
// those packages to CommonJS with Babel; this plugin replaces `import.meta.url` and
// `import.meta.resolve`, which CommonJS has no syntax for, with their equivalents. The url
// avoids the name `require`: some of those modules declare a local `require` of their own.
module.exports = function esmInteropPlugin({ template }) {
  const replacements = {
    url: "encodeURI('file://' + __filename)",
    filename: '__filename',
    dirname: '__dirname',
    resolve: "((specifier) => encodeURI('file://' + require.resolve(specifier)))",
  };
  return {
    visitor: {
      MetaProperty(path) {
        const parent = path.parentPath;
        const property = parent.isMemberExpression() && parent.node.object === path.node ? parent.node.property.name : undefined;
        if (!replacements[property]) {
          throw path.buildCodeFrameError(`import.meta.${property} has no CommonJS equivalent here`);
        }
        parent.replaceWith(template.expression.ast(replacements[property]));
      },
    },
  };
};
