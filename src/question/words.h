/* words.h: the words a student types as an answer ("hit", "miss",
 * "none", "fault", "major", ...), accepted in English and in the
 * user's language, and shown in the user's language.  The English words
 * are what results files, answer keys in JSON and exports keep. */
#ifndef VMTUTOR_WORDS_H
#define VMTUTOR_WORDS_H

#include <stdbool.h>

/* True when GIVEN (any case) is the answer word WORD (English, lower
 * case) or one of its translations. */
bool answer_word_is (const char *given, const char *word);
/* WORD shown in the user's language (its first translation), or WORD
 * itself when it is not an answer word or has no translation.  The
 * string is static or the catalogue's. */
const char *answer_word (const char *word);

/* GIVEN with each word that is the translation of an answer word
 * replaced by the English word, so that what is kept (results files)
 * grades the same in every language; a translation shared by several
 * words ("fallo": miss, fault) becomes the one found in PREFER (the
 * expected answer, English) if any.  Newly allocated. */
char *answer_words_english (const char *given, const char *prefer);

/* True when LINE (a reply to a yes/no question) says yes: it starts
 * with 'y' or with the first letter of the translation of "yes" (the
 * "answer" context: "ja", "sí", "是"), or is that word. */
bool answer_is_yes (const char *line);
/* The same for a single key CH, a wide character. */
bool answer_yes_key (unsigned ch);

#endif
