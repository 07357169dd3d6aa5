// custom-elements.json, generated from the components' JSDoc (@tagname, @summary, @fires, @csspart,
// @cssprop). The analyzer also guesses events from dispatchEvent calls; only the documented
// (@fires) ones are kept, since the classes' constructors hide the real names from it.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/test/**'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      name: 'documented-events-only',
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules) {
          for (const declaration of module.declarations ?? []) {
            if (declaration.events) declaration.events = declaration.events.filter((event) => event.name && event.description);
          }
        }
      },
    },
  ],
};
