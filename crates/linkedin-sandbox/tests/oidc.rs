//! OpenID Connect: id_tokens, the discovery document and the JWKS, checked
//! by an independent verifier (`jsonwebtoken`) against what the sandbox
//! serves, as "Sign In with LinkedIn using OpenID Connect" describes
//! (https://learn.microsoft.com/en-us/linkedin/consumer/integrations/self-serve/sign-in-with-linkedin-v2).

mod common;

use common::{header, json, send};
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation, decode, decode_header};
use linkedin_sandbox::Sandbox;
use serde_json::Value;

const REDIRECT: &str = "http://127.0.0.1:8765/callback";

async fn get(sandbox: &Sandbox, url: &str) -> http::Response<Vec<u8>> {
    send(
        sandbox.addr(),
        http::Request::get(url).body(Vec::new()).unwrap(),
    )
    .await
    .unwrap()
}

/// The token answer of a member sign-in with these scopes (and nonce).
async fn sign_in(sandbox: &Sandbox, scope: &str, nonce: Option<&str>) -> Value {
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    query
        .append_pair("response_type", "code")
        .append_pair("client_id", sandbox.client_id())
        .append_pair("redirect_uri", REDIRECT)
        .append_pair("scope", scope)
        .append_pair("state", "st");
    if let Some(nonce) = nonce {
        query.append_pair("nonce", nonce);
    }
    let url = format!("{}/authorization?{}", sandbox.oauth_url(), query.finish());
    let response = get(sandbox, &url).await;
    assert_eq!(response.status(), 302);
    let location = url::Url::parse(header(&response, "location").unwrap()).unwrap();
    let code = location
        .query_pairs()
        .find(|(k, _)| k == "code")
        .map(|(_, v)| v.into_owned())
        .unwrap();
    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs([
            ("grant_type", "authorization_code"),
            ("code", code.as_str()),
            ("redirect_uri", REDIRECT),
            ("client_id", sandbox.client_id()),
            ("client_secret", sandbox.client_secret()),
        ])
        .finish();
    let request = http::Request::post(format!("{}/accessToken", sandbox.oauth_url()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body.into_bytes())
        .unwrap();
    let answer = send(sandbox.addr(), request).await.unwrap();
    assert_eq!(answer.status(), 200);
    json(&answer)
}

/// What a standard relying party does: discovery, then the JWKS it names,
/// then the token verified with the key its header names.
async fn verify(sandbox: &Sandbox, id_token: &str) -> Result<Value, jsonwebtoken::errors::Error> {
    let discovery = json(&get(sandbox, &sandbox.openid_configuration_url()).await);
    let jwks_uri = discovery["jwks_uri"].as_str().unwrap();
    let jwks: JwkSet = serde_json::from_slice(get(sandbox, jwks_uri).await.body()).unwrap();
    let kid = decode_header(id_token)?.kid.expect("a kid");
    let key = DecodingKey::from_jwk(jwks.find(&kid).expect("the kid is in the JWKS"))?;
    let mut validation = Validation::new(Algorithm::RS256);
    validation.set_audience(&[sandbox.client_id()]);
    validation.set_issuer(&[discovery["issuer"].as_str().unwrap()]);
    validation.set_required_spec_claims(&["exp", "iat", "iss", "aud", "sub"]);
    decode::<Value>(id_token, &key, &validation).map(|data| data.claims)
}

#[tokio::test]
async fn the_id_token_verifies_against_the_served_jwks() {
    let sandbox = Sandbox::start().await.unwrap();
    let answer = sign_in(&sandbox, "openid profile email", Some("n-0S6_WzA2Mj")).await;
    let id_token = answer["id_token"]
        .as_str()
        .expect("an id_token with openid");
    let claims = verify(&sandbox, id_token).await.unwrap();
    assert_eq!(claims["iss"], "https://www.linkedin.com/oauth");
    assert_eq!(claims["aud"], Sandbox::DEFAULT_CLIENT_ID);
    assert_eq!(claims["sub"], "sAnDb0x1d");
    assert_eq!(claims["nonce"], "n-0S6_WzA2Mj");
    assert_eq!(claims["name"], "Sandra Box");
    assert_eq!(claims["email"], "sandra.box@sandbox.example");
    assert_eq!(claims["email_verified"], true);
    let (iat, exp) = (
        claims["iat"].as_u64().unwrap(),
        claims["exp"].as_u64().unwrap(),
    );
    assert!(exp > iat);
    assert_eq!(answer["scope"], "openid,profile,email");

    // A byte changed in the claims breaks the signature.
    let mut parts: Vec<String> = id_token.split('.').map(str::to_owned).collect();
    parts[1].insert(3, 'A');
    assert!(verify(&sandbox, &parts.join(".")).await.is_err());
}

#[tokio::test]
async fn the_scopes_decide_the_claims_and_openid_decides_the_token() {
    let sandbox = Sandbox::start().await.unwrap();
    let answer = sign_in(&sandbox, "openid", None).await;
    let claims = verify(&sandbox, answer["id_token"].as_str().unwrap())
        .await
        .unwrap();
    for absent in ["name", "given_name", "email", "email_verified", "nonce"] {
        assert!(claims.get(absent).is_none(), "{absent} in {claims}");
    }
    let claims = verify(
        &sandbox,
        sign_in(&sandbox, "openid profile", None).await["id_token"]
            .as_str()
            .unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(claims["given_name"], "Sandra");
    assert!(claims.get("email").is_none());

    let no_openid = sign_in(&sandbox, "profile email r_ads", None).await;
    assert!(no_openid.get("id_token").is_none(), "{no_openid}");
}

// Discovery and keys where LinkedIn publishes them:
// https://www.linkedin.com/oauth/.well-known/openid-configuration names
// jwks_uri https://www.linkedin.com/oauth/openid/jwks.
#[tokio::test]
async fn discovery_and_jwks_are_served_where_linkedin_serves_them() {
    let sandbox = Sandbox::start().await.unwrap();
    let origin = sandbox.origin();
    let discovery = get(
        &sandbox,
        &format!("{origin}/oauth/.well-known/openid-configuration"),
    )
    .await;
    assert_eq!(discovery.status(), 200);
    let discovery = json(&discovery);
    assert_eq!(discovery["issuer"], "https://www.linkedin.com/oauth");
    assert_eq!(discovery["jwks_uri"], format!("{origin}/oauth/openid/jwks"));
    assert_eq!(
        discovery["token_endpoint"],
        format!("{origin}/oauth/v2/accessToken")
    );
    assert_eq!(
        discovery["userinfo_endpoint"],
        format!("{origin}/v2/userinfo")
    );
    assert_eq!(
        discovery["id_token_signing_alg_values_supported"],
        serde_json::json!(["RS256"])
    );
    let jwks = json(&get(&sandbox, &sandbox.jwks_url()).await);
    let key = &jwks["keys"][0];
    assert_eq!(key["kty"], "RSA");
    assert_eq!(key["alg"], "RS256");
    assert_eq!(key["e"], "AQAB");
    assert!(key.get("d").is_none(), "no private part in the JWKS");
}

#[tokio::test]
async fn the_issuer_can_be_the_sandbox_origin() {
    let sandbox = Sandbox::builder()
        .oidc_issuer_origin()
        .start()
        .await
        .unwrap();
    let discovery = json(&get(&sandbox, &sandbox.openid_configuration_url()).await);
    let issuer = format!("{}/oauth", sandbox.origin());
    assert_eq!(discovery["issuer"], issuer.as_str());
    // The discovery URL is the issuer plus the well-known suffix (OpenID
    // Connect Discovery 1.0 §4), which strict verifiers check.
    assert_eq!(
        sandbox.openid_configuration_url(),
        format!("{issuer}/.well-known/openid-configuration")
    );
    let answer = sign_in(&sandbox, "openid", None).await;
    let claims = verify(&sandbox, answer["id_token"].as_str().unwrap())
        .await
        .unwrap();
    assert_eq!(claims["iss"], issuer.as_str());
}

/// The wire shapes, pinned: the discovery document (origin replaced), the
/// JWKS (the key is fixed) and the id_token's header and claims (times
/// replaced).
#[tokio::test]
async fn wire_shapes() {
    let sandbox = Sandbox::start().await.unwrap();
    let text = String::from_utf8(
        get(&sandbox, &sandbox.openid_configuration_url())
            .await
            .into_body(),
    )
    .unwrap()
    .replace(sandbox.origin(), "http://sandbox");
    let discovery: Value = serde_json::from_str(&text).unwrap();
    insta::assert_json_snapshot!("openid_configuration", discovery);
    let jwks = json(&get(&sandbox, &sandbox.jwks_url()).await);
    insta::assert_json_snapshot!("jwks", jwks);
    let answer = sign_in(&sandbox, "openid profile email", Some("abc")).await;
    let id_token = answer["id_token"].as_str().unwrap();
    let header = decode_header(id_token).unwrap();
    assert_eq!(header.typ.as_deref(), Some("JWT"));
    let mut claims = verify(&sandbox, id_token).await.unwrap();
    let iat = claims["iat"].as_u64().unwrap();
    assert_eq!(claims["exp"].as_u64().unwrap() - iat, 3600);
    claims["iat"] = "<iat>".into();
    claims["exp"] = "<iat + 3600>".into();
    insta::assert_json_snapshot!("id_token_claims", claims);
}
