//! The weights file and decoding.
//!
//! Format (little-endian): the magic `CDTAGGR1`; `u32` hash bits; `f32` scale (weights are
//! stored as `i16` times the scale); 12 `i16` transition weights (from start, O, B, I to O,
//! B, I); `3 << bits` `i16` feature weights, row by row; an FNV-1a `u64` checksum of all the
//! bytes before it. Anything else is refused.

use std::sync::LazyLock;

use super::features::{features, FeatureSink, BITS};
use super::{Sentence, B, I, O, TAGS};

const MAGIC: &[u8; 8] = b"CDTAGGR1";

static BYTES: &[u8] = include_bytes!("../../../../data/tagger/persons.bin");

static MODEL: LazyLock<Option<Model>> = LazyLock::new(|| Model::from_bytes(BYTES));

/// The shipped model, or `None` if its file is corrupt.
pub fn model() -> Option<&'static Model> {
    MODEL.as_ref()
}

/// A trained model, weights quantised to `i16`.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    pub scale: f32,
    /// `trans[from][to]`, `from` 3 being the sentence start.
    pub trans: [[i16; TAGS]; 4],
    /// `TAGS` weights per feature bucket.
    pub weights: Vec<i16>,
}

pub fn checksum(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

impl Model {
    /// Quantises float weights (`TAGS` per bucket) and transitions.
    pub fn quantise(weights: &[f32], trans: &[[f32; TAGS]; 4]) -> Model {
        let max = weights
            .iter()
            .chain(trans.iter().flatten())
            .fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / f32::from(i16::MAX) } else { 1.0 };
        let q = |w: f32| (w / scale).round().clamp(-32767.0, 32767.0) as i16;
        let mut t = [[0i16; TAGS]; 4];
        for (row, src) in t.iter_mut().zip(trans) {
            for (cell, &w) in row.iter_mut().zip(src) {
                *cell = q(w);
            }
        }
        Model {
            scale,
            trans: t,
            weights: weights.iter().map(|&w| q(w)).collect(),
        }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(32 + self.weights.len() * 2);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&BITS.to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        for w in self.trans.iter().flatten().chain(&self.weights) {
            out.extend_from_slice(&w.to_le_bytes());
        }
        let sum = checksum(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// Parses a weights file; `None` unless magic, size, hash bits and checksum all agree.
    pub fn from_bytes(bytes: &[u8]) -> Option<Model> {
        let (body, sum) = bytes.split_at_checked(bytes.len().checked_sub(8)?)?;
        if checksum(body).to_le_bytes() != sum {
            return None;
        }
        let rest = body.strip_prefix(MAGIC)?;
        let (bits, rest) = rest.split_at_checked(4)?;
        let (scale, rest) = rest.split_at_checked(4)?;
        if u32::from_le_bytes(bits.try_into().ok()?) != BITS {
            return None;
        }
        let rows = 1usize << BITS;
        if rest.len() != 2 * (4 * TAGS + rows * TAGS) {
            return None;
        }
        let mut values = rest.chunks_exact(2).map(|c| i16::from_le_bytes([c[0], c[1]]));
        let mut trans = [[0i16; TAGS]; 4];
        for cell in trans.iter_mut().flatten() {
            *cell = values.next()?;
        }
        Some(Model {
            scale: f32::from_le_bytes(scale.try_into().ok()?),
            trans,
            weights: values.collect(),
        })
    }

    /// The best tag sequence for a sentence.
    pub fn tag(&self, s: &Sentence<'_>) -> Vec<u8> {
        let mut feats = FeatureSink::with_capacity(48);
        let emissions: Vec<[f32; TAGS]> = (0..s.words.len())
            .map(|i| {
                feats.clear();
                features(s, i, &mut feats);
                let mut e = [0i32; TAGS];
                for &f in &feats {
                    let row = f as usize * TAGS;
                    for (t, slot) in e.iter_mut().enumerate() {
                        *slot += i32::from(self.weights.get(row + t).copied().unwrap_or(0));
                    }
                }
                e.map(|v| v as f32)
            })
            .collect();
        let trans = self.trans.map(|row| row.map(f32::from));
        viterbi(&emissions, &trans)
    }
}

/// Viterbi over BIO tags; I may only follow B or I.
pub fn viterbi(emissions: &[[f32; TAGS]], trans: &[[f32; TAGS]; 4]) -> Vec<u8> {
    const NEG: f32 = -1e30;
    let allowed = |from: usize, to: u8| to != I || from == B as usize || from == I as usize;
    let mut back: Vec<[u8; TAGS]> = Vec::with_capacity(emissions.len());
    let mut score = [NEG; TAGS];
    for (k, e) in emissions.iter().enumerate() {
        let mut next = [NEG; TAGS];
        let mut from = [0u8; TAGS];
        for to in [O, B, I] {
            let t = to as usize;
            if k == 0 {
                if allowed(3, to) {
                    next[t] = trans[3][t] + e[t];
                }
                continue;
            }
            for (f, &sc) in score.iter().enumerate() {
                if sc <= NEG || !allowed(f, to) {
                    continue;
                }
                let v = sc + trans[f][t] + e[t];
                if v > next[t] {
                    next[t] = v;
                    from[t] = f as u8;
                }
            }
        }
        back.push(from);
        score = next;
    }
    let mut best = (0..TAGS).max_by(|&a, &b| score[a].total_cmp(&score[b])).unwrap_or(0) as u8;
    let mut tags = vec![O; emissions.len()];
    for k in (0..emissions.len()).rev() {
        tags[k] = best;
        best = back[k][best as usize];
    }
    tags
}
