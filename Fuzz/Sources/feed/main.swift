import FuzzDriver
import Glibc

// libFuzzer runs the target's LLVMFuzzerTestOneInput (see FuzzDriver.h for why main is ours).
exit(signpost_fuzz_main(CommandLine.argc, CommandLine.unsafeArgv))
