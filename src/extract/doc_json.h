/*
 * A fast reader for the JSON Lines input's objects ({"doc","text"|"html",
 * "url","date"}), beside the jansson one in batch.c.
 *
 * Building a jansson tree of a 6 KB page cost a tenth of extraction's CPU.
 * This scanner reads the line in place and copies only the five members it
 * needs. It takes only what it is sure of: a well-formed object, strict
 * UTF-8, known members at most once, strings or null for them, a page.
 * Anything else (every error, a duplicate key, an escaped key, a deep or
 * huge-number value, ...) makes it say "not mine", and the caller reads the
 * line with jansson as before: same result, same error messages.
 */
#ifndef PACT_EXTRACT_DOC_JSON_H
#define PACT_EXTRACT_DOC_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "extract/batch.h"

/* Fills *doc (members copied into the arena) as pact_doc_from_json would and
 * returns true; or returns false, leaving *doc and the arena untouched, when
 * the line needs the full parser. */
bool pact__doc_json_fast(const char *line, size_t len, const char *fallback_name, pact_arena *arena,
                         pact_doc *doc);

#endif
