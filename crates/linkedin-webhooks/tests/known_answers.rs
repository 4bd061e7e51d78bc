//! Known-answer tests: RFC 4231's HMAC-SHA-256 vectors through the crate's
//! public functions, and challenge/signature values computed by another tool
//! (Python's `hmac` module).
//!
//! A `ClientSecret` is text (LinkedIn's client secrets are), so the public
//! functions take the vectors whose keys are UTF-8 (cases 1, 2, 4 and 5);
//! all seven, the `0xaa` keys included, run against the HMAC primitive in
//! `src/signature.rs`'s unit tests.

use linkedin_webhooks::{
    ChallengeResponse, ClientSecret, challenge_response, sign, verify_signature,
};

struct Vector {
    case: u8,
    key: Vec<u8>,
    data: Vec<u8>,
    /// Expected output, hex; truncated to 128 bits for case 5.
    expected: &'static str,
}

/// The RFC 4231 vectors whose key is text, with that text.
fn rfc4231_text_keys() -> Vec<(String, Vector)> {
    let vectors: Vec<(String, Vector)> = rfc4231()
        .into_iter()
        .filter_map(|v| Some((String::from_utf8(v.key.clone()).ok()?, v)))
        .collect();
    let cases: Vec<u8> = vectors.iter().map(|(_, v)| v.case).collect();
    assert_eq!(cases, [1, 2, 4, 5]);
    vectors
}

fn rfc4231() -> Vec<Vector> {
    let long_key = vec![0xaa; 131];
    vec![
        Vector {
            case: 1,
            key: vec![0x0b; 20],
            data: b"Hi There".to_vec(),
            expected: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
        },
        Vector {
            case: 2,
            key: b"Jefe".to_vec(),
            data: b"what do ya want for nothing?".to_vec(),
            expected: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        },
        Vector {
            case: 3,
            key: vec![0xaa; 20],
            data: vec![0xdd; 50],
            expected: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
        },
        Vector {
            case: 4,
            key: (0x01..=0x19).collect(),
            data: vec![0xcd; 50],
            expected: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
        },
        Vector {
            case: 5,
            key: vec![0x0c; 20],
            data: b"Test With Truncation".to_vec(),
            expected: "a3b6167473100ee06e0c796c2955552b",
        },
        Vector {
            case: 6,
            key: long_key.clone(),
            data: b"Test Using Larger Than Block-Size Key - Hash Key First".to_vec(),
            expected: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
        },
        Vector {
            case: 7,
            key: long_key,
            data: b"This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.".to_vec(),
            expected: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
        },
    ]
}

/// The bare-body reading of LinkedIn's sentence (hex HMAC of the body
/// alone) is still accepted: RFC 4231's vectors are exactly that.
#[test]
fn rfc4231_through_verify_as_the_bare_body_reading() {
    for (key, v) in rfc4231_text_keys() {
        if v.case == 5 {
            // Case 5 specifies a truncated output, which no header carries.
            continue;
        }
        let secret = ClientSecret::new(key);
        for header in [v.expected.to_owned(), format!("hmacsha256={}", v.expected)] {
            assert_eq!(
                verify_signature(&secret, &header, &v.data),
                Ok(()),
                "case {}: {header}",
                v.case
            );
        }
        // `sign` produces the documented form, never this one.
        assert_ne!(
            sign(&secret, &v.data).unwrap(),
            v.expected,
            "case {}",
            v.case
        );
    }
}

#[test]
fn rfc4231_through_challenge_response() {
    // The cases whose data is text can be challenge codes.
    let mut checked = Vec::new();
    for (key, v) in rfc4231_text_keys() {
        let Ok(code) = std::str::from_utf8(&v.data) else {
            continue;
        };
        if v.case == 5 {
            continue;
        }
        checked.push(v.case);
        let secret = ClientSecret::new(key);
        assert_eq!(
            challenge_response(&secret, code).unwrap(),
            v.expected,
            "case {}",
            v.case
        );
        assert!(
            ChallengeResponse::new(&secret, code)
                .unwrap()
                .verify(&secret, code)
        );
        let upper = ChallengeResponse {
            challenge_code: code.to_owned(),
            challenge_response: v.expected.to_uppercase(),
        };
        assert!(upper.verify(&secret, code), "case {}", v.case);
    }
    assert_eq!(checked, [1, 2]);
}

/// Values computed independently with
/// `python3 -c "import hmac,hashlib;print(hmac.new(KEY,MSG,hashlib.sha256).hexdigest())"`.
#[test]
fn values_computed_by_another_tool() {
    assert_eq!(
        challenge_response(&ClientSecret::new("secret"), "challenge").unwrap(),
        "a1e505e96c6aa1ece082bb9efb06c80f12913d217a7ac2b08b347630787d1da0"
    );
    assert_eq!(
        challenge_response(
            &ClientSecret::new("s3cr3t"),
            "890e4665-4dfe-4ab1-b689-ed553bceeed0"
        )
        .unwrap(),
        "63c7a919bedbaacb240b7f164b53ceec3659f89f076bdd25f84469154bedb6e8"
    );
}

/// The notification signature as LinkedIn's webhook page documents it:
/// "compute the signature on the POST body prefixed by `hmacsha256=` using
/// the HMACSHA256 hashing algorithm and your clientSecret"
/// (<https://learn.microsoft.com/en-us/linkedin/shared/api-guide/webhook-validation>,
/// *Requirements for Processing Notifications*), i.e.
/// hex(HMAC-SHA256(key = secret, message = "hmacsha256=" + body)).
///
/// Every expected value was computed with Python's `hmac`, not this crate:
/// `python3 -c 'import hmac,hashlib; print(hmac.new(KEY, b"hmacsha256=" + BODY, hashlib.sha256).hexdigest())'`
/// and, for the bare-body reading, the same without the `b"hmacsha256=" +`.
#[test]
fn signatures_as_documented_computed_by_another_tool() {
    let cases: [(&str, &[u8], &str, &str); 4] = [
        (
            "s3cr3t",
            br#"{"notifications":[]}"#,
            "0c6d8baa3de925a2f2bd5192969eabd2eddb5d34918fac6fb3bdebea40b3f1c9",
            "4d0b99cca5589c22e3f122c03c385cfd72afcff7ea73c7a466896c2fd225f4e0",
        ),
        (
            "secret",
            b"{}",
            "1c5458bf920f34a81d7d7596a70358e4c10f66b2ec2838a3fbea646fb7fcb15d",
            "77325902caca812dc259733aacd046b73817372c777b8d95b402647474516e13",
        ),
        (
            "s3cr3t",
            b"",
            "44ab56200c75781664b74698fc3430cf63697e90544333b8038f4a4e959145f4",
            "3c81cc9496e1c25250f6ccb85f697c1bb623e3480d6538ad8cb6a6648142777d",
        ),
        (
            "Jefe",
            b"what do ya want for nothing?",
            "713bc07ff4f6b037eff4ace580fe7fc1c856c23a37077d5ef1f2f65cab543bc7",
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        ),
    ];
    for (key, body, documented, bare) in cases {
        let secret = ClientSecret::new(key);
        assert_eq!(sign(&secret, body).unwrap(), documented);
        for header in [
            documented.to_owned(),
            format!("hmacsha256={documented}"),
            format!("HMACSHA256={}", documented.to_uppercase()),
            bare.to_owned(),
            format!("hmacsha256={bare}"),
        ] {
            assert_eq!(verify_signature(&secret, &header, body), Ok(()), "{header}");
        }
    }
    // A block-sized-plus key is hashed first (RFC 2104), here too.
    let long = ClientSecret::new("k".repeat(131));
    assert_eq!(
        sign(
            &long,
            b"Test Using Larger Than Block-Size Key - Hash Key First"
        )
        .unwrap(),
        "ea9ba444d43b6cf70d05fcfb5bc79548ca5bcb6e7aef5cefef8a59e0862f4b2e"
    );
}
