// The matcher.
