#include "FuzzDriver.h"

#include <stddef.h>
#include <stdint.h>

// Defined by each fuzz target (Swift, @_cdecl).
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
// libFuzzer's driver (in the runtime that -sanitize=fuzzer links).
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

int signpost_fuzz_main(int argc, char **argv) {
    return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput);
}
