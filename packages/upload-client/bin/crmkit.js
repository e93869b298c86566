#!/usr/bin/env node
// The command's entry: a file that exists before the build, so installing the workspace can link it.
import '../dist/cli.js'
