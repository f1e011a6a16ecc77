// State slots shared by every model (index into STATE and SCALAR), and the model ids.
// A model leaves the slots it does not use at 0. Each slot is one degradation mechanism, and
// SCALAR[slot] is its degradation_scalar (BLAST multiplies every state increment by it).

/** Calendar (time-driven) capacity loss, fraction of nominal. */
@inline export const Q_T: i32 = 0;
/** Cycling (throughput-driven) capacity loss, fraction of nominal. */
@inline export const Q_EFC: i32 = 1;
/** Third capacity mechanism: LAM knee (Kokam) or break-in (Sony), fraction. */
@inline export const Q_X: i32 = 2;
/** Calendar resistance gain, fraction of the fresh resistance. */
@inline export const R_T: i32 = 3;
/** Cycling resistance gain, fraction of the fresh resistance. */
@inline export const R_EFC: i32 = 4;
/** Empirical model only: EFC consumed of the onset (plateau) before cycling fade starts. */
@inline export const ONSET_USED: i32 = 5;

/** NREL BLAST-Lite Lfp_Gr_250AhPrismatic (§6.3). */
@inline export const MODEL_LFP250: i32 = 0;
/** NREL BLAST-Lite Lfp_Gr_SonyMurata3Ah_Battery (§6.4). */
@inline export const MODEL_LFP_SONY: i32 = 1;
/** NREL BLAST-Lite Nmc111_Gr_Kokam75Ah_Battery (§6.5). */
@inline export const MODEL_NMC_KOKAM: i32 = 2;
/** NREL BLAST-Lite NMC_Gr_50Ah_B1 (§6.5). */
@inline export const MODEL_NMC_B1: i32 = 3;
/** Empirical calibrated model: Kokam calendar law + fitted cycling power law (models/empirical.ts). */
@inline export const MODEL_EMPIRICAL: i32 = 4;
@inline export const MODEL_COUNT: i32 = 5;
