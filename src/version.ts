/** Written by scripts/version.mjs from package.json (npm run build). */
export const VERSION = '0.1.0';
