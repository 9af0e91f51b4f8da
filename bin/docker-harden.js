#!/usr/bin/env node
'use strict';
const path = require('path');
const fs = require('fs');
const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(bundle)) {
  process.stderr.write('docker-harden: the CLI is not built yet; run `npm run build` first\n');
  process.exit(2);
}
require(bundle);
