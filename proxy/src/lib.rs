//! Tether proxy library.
