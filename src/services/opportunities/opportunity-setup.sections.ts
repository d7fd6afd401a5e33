/**
 * The sales-opportunity sections of setup (issue 16), each edited in its own pushed form and saved like the other
 * sections: version-checked against the opportunity setup it was drawn from, and written to the setup audit log.
 */
export const oppSetupSections = ['salesCycles', 'closeCodes', 'opportunities', 'dealNews'] as const;
export type OppSetupSection = (typeof oppSetupSections)[number];
