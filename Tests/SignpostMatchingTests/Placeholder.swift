// Matcher tests.
