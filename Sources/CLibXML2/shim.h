#ifndef SIGNPOST_CLIBXML2_SHIM_H
#define SIGNPOST_CLIBXML2_SHIM_H

// Debian's libxml2 is built with ICU, and its encoding header then includes the system ICU headers, which clash
// with the copy of ICU inside Foundation. Signpost never touches libxml2's encoding-handler structs (only pointers
// to them), so hiding the ICU members is safe.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>

// libxml2 prints some messages (encoding errors) through its generic error function rather than the structured
// handlers; a variadic C function cannot be written in Swift, so the no-op that replaces it is here. The setting is
// per thread: call it before each parse.
static void signpost_ignore_generic_error(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

static inline void signpost_silence_generic_errors(void) {
    xmlSetGenericErrorFunc(NULL, signpost_ignore_generic_error);
}

#endif
