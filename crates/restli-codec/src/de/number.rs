//! Numbers read only as the encoder writes them.

/// Said after the type name when a number does not parse: the decoder reads
/// numbers only as the encoder writes them.
macro_rules! number_form {
    () => {
        " (decimal, no '+' sign, no leading zeros)"
    };
}

/// Whether `s` is an integer as the encoder writes it: `0` or `-?[1-9][0-9]*`.
///
/// `+1`, `01` and `-0` parse as numbers in Rust (and in Java), but each is a
/// second encoding of a value that already has one; accepting them would let
/// two different keys name one entity. `-0` is rejected for integers because
/// it is `0`; floats keep it, since `-0.0` is a value of its own.
pub(crate) fn is_canonical_int(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    match digits.as_bytes() {
        [] => false,
        [b'0'] => digits.len() == s.len(),
        [b'0', ..] => false,
        bytes => bytes.iter().all(u8::is_ascii_digit),
    }
}

/// Whether `s` is a number in JSON's grammar,
/// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`: what the encoder (and
/// every JSON-speaking server) writes. It rejects `+1`, `01`, `.5`, `5.`,
/// `NaN` and `inf`; `-0.0` stays (it is a float of its own).
pub(crate) fn is_canonical_float(s: &str) -> bool {
    fn digits(b: &[u8]) -> usize {
        b.iter().take_while(|c| c.is_ascii_digit()).count()
    }
    let b = s.as_bytes();
    let b = b.strip_prefix(b"-").unwrap_or(b);
    let int = digits(b);
    if int == 0 || (int > 1 && b.first() == Some(&b'0')) {
        return false;
    }
    let mut rest = b.get(int..).unwrap_or_default();
    if let Some(frac) = rest.strip_prefix(b".") {
        let n = digits(frac);
        if n == 0 {
            return false;
        }
        rest = frac.get(n..).unwrap_or_default();
    }
    if let Some(exp) = rest.strip_prefix(b"e").or_else(|| rest.strip_prefix(b"E")) {
        let exp = exp
            .strip_prefix(b"+")
            .or_else(|| exp.strip_prefix(b"-"))
            .unwrap_or(exp);
        let n = digits(exp);
        if n == 0 {
            return false;
        }
        rest = exp.get(n..).unwrap_or_default();
    }
    rest.is_empty()
}

/// Names what a number should have looked like: the plain type when the text
/// had the right form (so it was out of range), the form rules otherwise.
pub(super) fn number_expected(
    text: &str,
    canonical: fn(&str) -> bool,
    plain: &'static str,
    with_form: &'static str,
) -> &'static str {
    if canonical(text) { plain } else { with_form }
}

pub(super) fn parse_int<T: std::str::FromStr>(s: &str) -> Option<T> {
    if is_canonical_int(s) {
        s.parse::<T>().ok()
    } else {
        None
    }
}

pub(super) fn parse_float<T: std::str::FromStr + Copy>(
    s: &str,
    finite: fn(T) -> bool,
) -> Option<T> {
    if !is_canonical_float(s) {
        return None;
    }
    s.parse::<T>().ok().filter(|v| finite(*v))
}
