#ifndef SIGNPOST_FUZZ_DRIVER_H
#define SIGNPOST_FUZZ_DRIVER_H

/// Runs libFuzzer on the executable's LLVMFuzzerTestOneInput with the command line's arguments and returns its exit
/// status. SwiftPM links every executable's `main` to its module's own entry point, so libFuzzer's `main` never
/// takes part: each fuzz target's main.swift calls this instead, which hands over to libFuzzer's driver.
int signpost_fuzz_main(int argc, char **argv);

#endif
