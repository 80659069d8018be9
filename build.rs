//! Compiles the name gazetteer (`data/names/*.txt`) into one `fst::Map`.
//!
//! A list that is missing, short, or has a malformed row fails the build: a gazetteer that
//! silently yields "no names" would make every person invisible.
//!
//! Key: a lowercase name. Value: bits 0..17 the surname rank (0: not a surname), bits 17..29
//! the male first-name frequency and bits 29..41 the female one, both in thousandths of a percent
//! (0: not listed). See `src/analysis/people/gazetteer.rs`, which reads the same layout.

use std::collections::BTreeMap;
use std::path::PathBuf;

#[path = "build/names.rs"]
mod names;

const DIR: &str = "data/names";

/// The fewest rows a list may have; the shipped lists have thousands.
const MIN_ROWS: usize = 1000;

/// The rows of a list file, or the build stops with the file, line and problem.
fn rows(file: &str, columns: usize) -> Vec<(String, Vec<u64>)> {
    let path = format!("{DIR}/{file}");
    println!("cargo::rerun-if-changed={path}");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    names::parse(&text, columns, MIN_ROWS).unwrap_or_else(|e| panic!("{path}:{e}"))
}

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=build/names.rs");
    let mut map: BTreeMap<String, u64> = BTreeMap::new();
    for (name, nums) in rows("last.txt", 1) {
        let rank = nums.first().copied().unwrap_or(0).min((1 << 17) - 1);
        let v = map.entry(name).or_insert(0);
        if *v & 0x1ffff == 0 {
            *v |= rank;
        }
    }
    for (name, nums) in rows("first.txt", 2) {
        let male = nums.first().copied().unwrap_or(0).min(4095);
        let female = nums.get(1).copied().unwrap_or(0).min(4095);
        *map.entry(name).or_insert(0) |= (male << 17) | (female << 29);
    }
    let mut builder = fst::MapBuilder::memory();
    for (k, v) in &map {
        builder.insert(k, *v).unwrap_or_else(|e| panic!("fst insert {k}: {e}"));
    }
    let bytes = builder.into_inner().unwrap_or_else(|e| panic!("fst build: {e}"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join("names.fst");
    std::fs::write(&out, bytes).unwrap_or_else(|e| panic!("writing {}: {e}", out.display()));
}
