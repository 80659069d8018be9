//! Work units, for the tests that show the analysis is linear: every loop whose length is not
//! fixed by the token it stands on (a source's claim, a paragraph's reasons, a subject scanned
//! leftwards, earlier sources searched for an antecedent) adds the steps it takes. Doubling a
//! pathological input must roughly double the count. Counted only in test builds, in a
//! thread-local, so release builds keep no state and pay nothing.

#[cfg(test)]
thread_local! {
    static UNITS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Adds `n` units of work.
#[inline]
pub(crate) fn tick(n: usize) {
    #[cfg(test)]
    UNITS.with(|u| u.set(u.get().saturating_add(n as u64)));
    #[cfg(not(test))]
    let _ = n;
}

/// The units of work `f` takes, on this thread.
#[cfg(test)]
pub(crate) fn measure(f: impl FnOnce()) -> u64 {
    let before = UNITS.with(std::cell::Cell::get);
    f();
    UNITS.with(std::cell::Cell::get) - before
}
