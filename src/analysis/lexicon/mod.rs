//! Word lists shipped inside the binary, one entry a line, `#` starts a comment line.
//!
//! Each list is a data file next to this module, written for copydesk (the name gazetteer comes
//! from the 1990 US Census, see `data/names/README.md`). Engines compile the lists they need once,
//! into immutable statics: lookup tables, not state.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// The entries of a list file: trimmed, non-empty lines that are not comments.
pub fn entries(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// FxHash, the hasher of Firefox and rustc: fast on the short words these tables hold. The
/// input is the writer's own story, so resistance to hash flooding is not needed.
#[derive(Clone, Copy, Default)]
pub struct Fx(u64);

impl Fx {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(u64::try_from(i).unwrap_or(u64::MAX));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A hash map with [`Fx`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;
/// A hash set with [`Fx`].
pub type FastSet<K> = HashSet<K, BuildHasherDefault<Fx>>;

/// A list as a set of lowercase entries.
pub fn set(data: &'static str) -> FastSet<String> {
    entries(data).map(str::to_lowercase).collect()
}

static AUXILIARIES: LazyLock<FastSet<String>> = LazyLock::new(|| set(include_str!("closed_auxiliaries.txt")));

/// Whether a lowercase word is an auxiliary or modal verb (`closed_auxiliaries.txt`).
pub fn is_auxiliary(w: &str) -> bool {
    AUXILIARIES.contains(w)
}
