#!/usr/bin/env node
import { cli } from './cli.js';

cli();
