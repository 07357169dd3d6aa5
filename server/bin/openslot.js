#!/usr/bin/env node
// The `openslot` command. This file is in the repository (not built), so npm links it the moment it
// installs the workspace; the command itself is the compiled dist/bin/openslot.js.
import('../dist/bin/openslot.js').catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/bin/openslot.js')) {
    console.error('openslot: the server is not built yet: run `npm run build` (the root `npm install` does it too)');
    process.exit(1);
  }
  throw error;
});
