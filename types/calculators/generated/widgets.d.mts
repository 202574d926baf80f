// calculators/generated/widgets.mjs, which scripts/build_site.py writes at build time from the
// core's registry (hooks/calculator_preload.py's widget_map_source()): tsconfig's rootDirs lay this
// folder over calculators/.

import type { Calculator } from "../kit/calculator.mjs";

/** Each registered calculator that has a widget: its name -> its widget class. */
export const WIDGETS: Record<string, new (root: HTMLElement, lang: string) => Calculator>;
