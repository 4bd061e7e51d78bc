//! Prints the Rest.li encoding of the finder query from LinkedIn's Rest.li
//! protocol documentation: ad accounts searched by status, reference and
//! the test flag.
//!
//! Run it with `cargo run --example encode_finder_query`.

use serde::Serialize;

/// One `values` filter of the search criteria.
#[derive(Serialize)]
struct Values<T> {
    values: Vec<T>,
}

/// The `search` criteria of the ad accounts finder.
#[derive(Serialize)]
struct AccountSearch {
    status: Values<&'static str>,
    reference: Values<restli_codec::Urn>,
    test: bool,
}

/// All the query parameters of the finder call.
#[derive(Serialize)]
struct FinderQuery {
    q: &'static str,
    search: AccountSearch,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let query = FinderQuery {
        q: "search",
        search: AccountSearch {
            status: Values {
                values: vec!["ACTIVE", "DRAFT"],
            },
            reference: Values {
                values: vec![restli_codec::Urn::li("organization", 123)?],
            },
            test: false,
        },
    };

    println!("search criteria (URL form):");
    println!("  {}", restli_codec::to_string(&query.search)?);
    println!("search criteria (reduced form, for headers and JSON keys):");
    println!("  {}", restli_codec::to_string_reduced(&query.search)?);
    println!("the finder request:");
    println!(
        "  GET https://api.linkedin.com/rest/adAccounts?{}",
        restli_codec::to_query_string(&query)?
    );

    // Decoding gives the criteria back; every primitive arrives as text.
    let decoded: serde_json::Value =
        restli_codec::from_str(&restli_codec::to_string(&query.search)?)?;
    println!("decoded back into JSON:");
    println!("  {decoded}");
    Ok(())
}
