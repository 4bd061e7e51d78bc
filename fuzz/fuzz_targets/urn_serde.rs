//! Reads arbitrary bytes as a URN the ways a client meets one: as a JSON
//! string in a response body (`serde_json::from_slice::<Urn>`), and as raw
//! text (`Urn::from_str`, and `from_str_reduced` as for an `x-restli-id`
//! header). None may panic or overflow the stack (URNs nested in URN ids
//! once did); they must agree with each other; a URN must keep its text and
//! come back unchanged through JSON.
#![no_main]

use std::str::FromStr;

use libfuzzer_sys::fuzz_target;
use restli_codec::Urn;

fuzz_target!(|data: &[u8]| {
    // As a JSON body field.
    if let Ok(urn) = serde_json::from_slice::<Urn>(data) {
        let text: String =
            serde_json::from_slice(data).expect("what reads as a URN reads as a string");
        assert_eq!(urn.as_str(), text);
        assert_eq!(Urn::from_str(&text).as_ref(), Ok(&urn));
        let json = serde_json::to_vec(&urn).expect("a URN serializes");
        assert_eq!(
            serde_json::from_slice::<Urn>(&json).expect("and reads back"),
            urn
        );
    }
    // As raw text (a header).
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = Urn::from_str(text);
    match &parsed {
        Ok(urn) => {
            assert_eq!(urn.as_str(), text);
            // A URN starts with `urn:` and holds `:`, so the reduced
            // decoder takes it as a raw simple key.
            let raw: Urn = restli_codec::from_str_reduced(text).expect("a raw URN is a raw key");
            assert_eq!(&raw, urn);
        }
        Err(err) => assert!(err.offset() <= text.len(), "{text:?}: {err}"),
    }
    // The same text inside a JSON string agrees with the raw parse.
    let json = serde_json::to_vec(text).expect("a string serializes");
    assert_eq!(serde_json::from_slice::<Urn>(&json).is_ok(), parsed.is_ok());
});
