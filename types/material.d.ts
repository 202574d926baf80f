// What Material for MkDocs leaves on the page that the calculators read (calculators/mount.mjs).

interface Window {
  /** Material's observable of the page shown: it emits once its script has set the page up. */
  document$?: { subscribe(next: () => void): unknown };
}
