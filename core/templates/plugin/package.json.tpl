{
  "name": "trellis-plugin-{{name}}",
  "version": "0.1.0",
  "description": "{{title}}: a Trellis plugin",
  "keywords": [
    "trellis",
    "trellis-plugin"
  ],
  "license": "MIT",
  "type": "module",
  "files": [
    "dist"
  ],
  "engines": {
    "node": ">=20.19.0"
  },
  "trellis": {
    "plugin": "./dist/server/index.js",
    "ui": "./dist/ui/index.js"
  },
  "scripts": {
    "build": "tsc -p tsconfig.build.json && vite build",
    "typecheck": "tsc -p tsconfig.json",
    "test": "vitest run",
    "prepublishOnly": "npm run typecheck && npm run build && npm test"
  },
  "peerDependencies": {
    "@trellis/sdk": "{{sdkRange}}",
    "lit": "^3.3.0"
  },
  "devDependencies": {
    "@trellis/core": "{{coreRange}}",
    "@types/node": "^20.19.0",
    "typescript": "~5.9.3",
    "vite": "^8.3.0",
    "vitest": "^4.1.0"
  }
}
