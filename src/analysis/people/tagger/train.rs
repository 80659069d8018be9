//! Training: an averaged structured perceptron (Collins 2002) over BIO tags, decoded with
//! Viterbi. Pure: the `train-tagger` binary reads the files and writes the weights.
//!
//! Epochs are chosen on held-out documents (the caller splits them off), never on evaluation
//! sets; the model kept is the averaged weights of the best epoch by exact-span F1.

use std::ops::Range;

use crate::analysis::segment::Document;
use crate::analysis::Format;

use super::features::{features, FeatureSink, BITS};
use super::model::{viterbi, Model};
use super::{quoted_tokens, spans, view, B, I, O, TAGS};

/// One training sentence: its tokens' features and their gold tags.
pub struct Example {
    /// Feature buckets of all tokens, one after the other; `ends[k]` closes token `k`'s.
    feats: Vec<u32>,
    ends: Vec<usize>,
    pub gold: Vec<u8>,
}

impl Example {
    fn token(&self, k: usize) -> &[u32] {
        let start = if k == 0 { 0 } else { self.ends[k - 1] };
        self.feats.get(start..self.ends[k]).unwrap_or(&[])
    }
}

/// The sentences of one document, with tags from `names` (byte ranges of the text): a token
/// starting inside a name is part of it; the first such token is B.
pub fn examples(text: &str, names: &[Range<usize>]) -> Vec<Example> {
    let doc = Document::new(text, Format::Plain);
    let quoted = quoted_tokens(&doc);
    let mut out = Vec::new();
    for (s, sentence) in doc.sentences.iter().enumerate() {
        let v = view(&doc, s, &quoted);
        let mut ex = Example {
            feats: FeatureSink::new(),
            ends: Vec::new(),
            gold: Vec::new(),
        };
        let mut prev_name = None;
        for (k, i) in sentence.tokens.clone().enumerate() {
            features(&v, k, &mut ex.feats);
            ex.ends.push(ex.feats.len());
            let start = doc.tokens[i].span.start;
            let name = names.iter().position(|r| r.contains(&start));
            ex.gold.push(match name {
                None => O,
                Some(n) if prev_name == Some(n) => I,
                Some(_) => B,
            });
            prev_name = name;
        }
        out.push(ex);
    }
    out
}

/// Float weights during training, with the sums for averaging.
struct Weights {
    w: Vec<f32>,
    trans: [[f32; TAGS]; 4],
    /// Sum of `step * delta`, for the averaged weights `w - u / step`.
    u: Vec<f32>,
    u_trans: [[f32; TAGS]; 4],
    step: f32,
}

impl Weights {
    fn new() -> Weights {
        let n = TAGS << BITS;
        Weights {
            w: vec![0.0; n],
            trans: [[0.0; TAGS]; 4],
            u: vec![0.0; n],
            u_trans: [[0.0; TAGS]; 4],
            step: 1.0,
        }
    }

    fn emissions(w: &[f32], ex: &Example) -> Vec<[f32; TAGS]> {
        (0..ex.gold.len())
            .map(|k| {
                let mut e = [0f32; TAGS];
                for &f in ex.token(k) {
                    let row = f as usize * TAGS;
                    for (t, slot) in e.iter_mut().enumerate() {
                        *slot += w.get(row + t).copied().unwrap_or(0.0);
                    }
                }
                e
            })
            .collect()
    }

    fn add(&mut self, ex: &Example, tags: &[u8], delta: f32) {
        let c = self.step * delta;
        let mut prev = 3usize;
        for (k, &t) in tags.iter().enumerate() {
            for &f in ex.token(k) {
                let at = f as usize * TAGS + t as usize;
                if let (Some(w), Some(u)) = (self.w.get_mut(at), self.u.get_mut(at)) {
                    *w += delta;
                    *u += c;
                }
            }
            self.trans[prev][t as usize] += delta;
            self.u_trans[prev][t as usize] += c;
            prev = t as usize;
        }
    }

    fn learn(&mut self, ex: &Example) {
        let guess = viterbi(&Self::emissions(&self.w, ex), &self.trans);
        if guess != ex.gold {
            self.add(ex, &ex.gold, 1.0);
            self.add(ex, &guess, -1.0);
        }
        self.step += 1.0;
    }

    fn averaged(&self) -> (Vec<f32>, [[f32; TAGS]; 4]) {
        let w = self.w.iter().zip(&self.u).map(|(w, u)| w - u / self.step).collect();
        let mut t = self.trans;
        for (row, urow) in t.iter_mut().zip(&self.u_trans) {
            for (cell, u) in row.iter_mut().zip(urow) {
                *cell -= u / self.step;
            }
        }
        (w, t)
    }
}

/// Exact-span precision, recall and F1 of `w` on `held`.
pub fn score(w: &[f32], trans: &[[f32; TAGS]; 4], held: &[Example]) -> (f64, f64, f64) {
    let (mut tp, mut guessed, mut gold) = (0usize, 0usize, 0usize);
    for ex in held {
        let g = spans(&ex.gold);
        let p = spans(&viterbi(&Weights::emissions(w, ex), trans));
        tp += p.iter().filter(|r| g.contains(r)).count();
        guessed += p.len();
        gold += g.len();
    }
    let p = tp as f64 / guessed.max(1) as f64;
    let r = tp as f64 / gold.max(1) as f64;
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    (p, r, f)
}

/// What training did, epoch by epoch.
#[derive(Debug, Default)]
pub struct Report {
    /// Held-out (precision, recall, F1) after each epoch.
    pub epochs: Vec<(f64, f64, f64)>,
    /// The epoch kept (1-based).
    pub best: usize,
}

/// Trains for up to `epochs` passes over `train` in a fixed shuffled order (`seed`), keeping
/// the averaged weights of the epoch with the best F1 on `held`.
pub fn train(train: &[Example], held: &[Example], epochs: usize, seed: u64) -> (Model, Report) {
    let mut w = Weights::new();
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng = seed | 1;
    let mut report = Report::default();
    let mut best: Option<(f64, Model)> = None;
    for epoch in 1..=epochs {
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        for &i in &order {
            if let Some(ex) = train.get(i) {
                w.learn(ex);
            }
        }
        let (avg, trans) = w.averaged();
        let prf = score(&avg, &trans, held);
        report.epochs.push(prf);
        if best.as_ref().is_none_or(|(f, _)| prf.2 > *f) {
            report.best = epoch;
            best = Some((prf.2, Model::quantise(&avg, &trans)));
        }
    }
    let model = best.map_or_else(|| Model::quantise(&w.w, &w.trans), |(_, m)| m);
    (model, report)
}
