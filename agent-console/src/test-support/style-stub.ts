// Stands in for stylesheet imports under jest; jsdom does not apply CSS.
export {};
