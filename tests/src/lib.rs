//! Cross-crate integration and browser end-to-end tests live in tests/tests.
