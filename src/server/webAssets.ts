/**
 * Folder of the built web app's hashed files (scripts, styles), under the site root. It must not be the
 * first segment of any page route: a missing file there answers 404 instead of the app shell.
 */
export const WEB_ASSETS_DIR = '_app';
