// How many cases each fast-check property runs: a few thousand in `make test`, ten times as many
// in `make fuzz` (FUZZ_SCALE=10), like the Python fuzzing in tests/unit/test_fuzz.py.
export const RUNS = 1000 * Number(process.env.FUZZ_SCALE || 1);
export const SEED = 20261205; // reproducible; a failure prints its counterexample and path
