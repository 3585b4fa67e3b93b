// jest transformer: strips TypeScript with esbuild (type checking is `npm run typecheck`).
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const out = transformSync(source, {
      loader: 'ts',
      format: 'esm',
      target: 'node20',
      sourcemap: 'inline',
      sourcefile: filename,
    });
    return { code: out.code };
  },
};
