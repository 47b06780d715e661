#!/usr/bin/env node
import '../dist/tui/cli/main.js';
