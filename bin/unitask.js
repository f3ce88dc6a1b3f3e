#!/usr/bin/env node
// The compiled generator (npm run build writes dist/; npm pack and npm install in this repository run it).
import "../dist/cli.js";
