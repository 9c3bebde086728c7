/**
 * Neutralising untrusted text (branch names, test names, log lines, PR titles) for Markdown:
 * no live @mentions or #refs, no raw HTML, no table or code-fence breakouts, no fake state markers.
 * OWNER: render.
 */
export {};
