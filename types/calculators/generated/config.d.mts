// calculators/generated/config.mjs, which scripts/build_site.py writes at build time
// (write_calculator_modules): tsconfig's rootDirs lay this folder over calculators/.

/** Pyodide's folder, relative to the calculators' folder. */
export const PYODIDE_PATH: string;
/** The core wheel's entry in the site-local Pyodide lock. */
export const CORE_PACKAGE: { file_name: string; sha256: string };
/** The site's memory snapshot of the booted core, if the build made one. */
export const CORE_SNAPSHOT: { file_name: string } | null;
/**
 * The operations that need an optional package (copc_cx.optional): the module whose handle()
 * answers each, and the packages (names of the site-local lock) to load before.
 */
export const OPTIONAL_OPERATIONS: Record<string, { module: string; packages: string[] }>;
/** The site-local lock's entries of those packages and of their dependencies. */
export const OPTIONAL_PACKAGES: Record<string, { file_name: string; sha256: string; depends: string[] }>;
