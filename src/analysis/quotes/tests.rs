//! Tests of the quotes engine.
