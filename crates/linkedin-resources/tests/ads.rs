//! The ads entities as they go on the wire and as they come back, checked
//! against LinkedIn's pages: "Ad Accounts"
//! (https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/account-structure/create-and-manage-accounts),
//! "Campaign Groups"
//! (https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/account-structure/create-and-manage-campaign-groups),
//! "Campaigns"
//! (https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/account-structure/create-and-manage-campaigns)
//! and "Creatives"
//! (https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads/account-structure/create-and-manage-creatives).

use linkedin_resources::ads::{
    AccountId, AccountStatus, AccountType, AdAccount, AdsError, Campaign, CampaignGroup,
    CampaignType, CostType, CreatedIdError, Creative, IntendedStatus, Money, RunSchedule, Status,
    accounts, campaign_groups, campaigns, creatives,
};
use linkedin_resources::urns::{CampaignGroupUrn, CampaignUrn, CreativeUrn, OrganizationUrn};
use proptest::prelude::*;
use restli_codec::paging::Pagination;
use restli_codec::{BatchGetResponse, CollectionResponse, CreateResponse, EntityResponse};
use serde_json::{Value, json};

mod shared_render;
use shared_render::render_wire as render;

fn answer(status: u16, body: Value) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(status)
        .body(serde_json::to_vec(&body).unwrap())
        .unwrap()
}

fn created_answer(id: &str) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(201)
        .header("x-restli-id", id)
        .body(Vec::new())
        .unwrap()
}

fn acct() -> AccountId {
    AccountId::new(507404993)
}

// "Ad Accounts": search by status, type and test, paged by cursor
// (`pageSize`/`pageToken`: the search finders have paged by cursor since
// 202401; issue 11).
#[test]
fn search_accounts_wire() {
    let search = accounts::search(
        accounts::Criteria::new()
            .kind([AccountType::Business])
            .status([AccountStatus::Active])
            .test(false),
    )
    .unwrap();
    insta::assert_snapshot!(render(search));
}

#[test]
fn search_accounts_pages_by_cursor() {
    let search = accounts::search(accounts::Criteria::new().status([AccountStatus::Active]))
        .unwrap()
        .page_size(2)
        .unwrap();
    let mut pagination = Pagination::new(search, 10).unwrap();
    assert!(pagination.is_cursor());
    let first = pagination.next_request().unwrap();
    assert_eq!(first.query().get("pageToken"), None);
    // The page's documented shape: elements and metadata.nextPageToken, no paging.
    let page: CollectionResponse<AdAccount> = CollectionResponse::from_http(
        answer(
            200,
            json!({
                "elements": [
                    {"id": 507404993, "name": "Test", "currency": "USD", "status": "ACTIVE",
                     "type": "BUSINESS", "test": false,
                     "reference": "urn:li:organization:2414183"},
                    {"id": 507404994, "name": "Two", "currency": "EUR", "status": "ACTIVE",
                     "type": "ENTERPRISE", "test": false,
                     "reference": "urn:li:organization:2414183"}
                ],
                "metadata": {"nextPageToken": "DgEDAQ"}
            }),
        ),
        "/rest/adAccounts",
    )
    .unwrap();
    assert_eq!(page.elements[1].kind, Some(AccountType::Enterprise));
    pagination.advance(&page).unwrap();
    let next = pagination.next_request().unwrap();
    assert_eq!(next.query().get("pageToken"), Some("DgEDAQ"));
    assert_eq!(next.query().get("pageSize"), Some("2"));
    assert_eq!(next.query().get("start"), None);
}

#[test]
fn search_criteria_of_every_kind_wire() {
    let org = OrganizationUrn::new(2414183).unwrap();
    let search = accounts::search(
        accounts::Criteria::new()
            .reference([org])
            .name(["Acme, (EU)"])
            .id([acct()]),
    )
    .unwrap();
    insta::assert_snapshot!(render(search));
}

#[test]
fn empty_criteria_are_refused() {
    let err = accounts::search(accounts::Criteria::new().status([])).unwrap_err();
    assert_eq!(
        err,
        AdsError::EmptyList {
            field: "search.status"
        }
    );
    let many = (0..1001).map(AccountId::new);
    assert!(matches!(
        accounts::search(accounts::Criteria::new().id(many)),
        Err(AdsError::TooMany { found: 1001, .. })
    ));
}

#[test]
fn account_get_and_batch_get_wire() {
    insta::assert_snapshot!(render(accounts::get(acct())));
    let batch = accounts::batch_get([acct(), AccountId::new(507404995)]).unwrap();
    insta::assert_snapshot!(render(batch));
}

#[test]
fn account_batch_get_answer_is_read() {
    // The Rest.li batch answer: results keyed by id.
    let response: BatchGetResponse<u64, AdAccount> = BatchGetResponse::from_http(
        answer(
            200,
            json!({
                "results": {"507404993": {"id": 507404993, "name": "Test", "status": "DRAFT"}},
                "statuses": {"507404993": 200},
                "errors": {}
            }),
        ),
        "/rest/adAccounts",
    )
    .unwrap();
    let (id, account) = response.results.iter().next().unwrap();
    assert_eq!(*id, 507404993);
    assert_eq!(account.status, Some(AccountStatus::Draft));
}

#[test]
fn account_create_wire_and_answer() {
    let new = AdAccount::new(
        "Test Ad Account",
        "USD",
        "urn:li:organization:2414183",
        AccountType::Business,
    );
    insta::assert_snapshot!(render(accounts::create(&new).unwrap()));
    // "Ad Accounts": 201 with the new account's number in x-restli-id.
    let created: CreateResponse<String, AdAccount> =
        CreateResponse::from_http(created_answer("507404993"), "/rest/adAccounts").unwrap();
    assert_eq!(
        accounts::created(&created).unwrap().as_str(),
        "urn:li:sponsoredAccount:507404993"
    );
    let created: CreateResponse<String, AdAccount> = CreateResponse::from_http(
        created_answer("urn:li:sponsoredCampaign:1"),
        "/rest/adAccounts",
    )
    .unwrap();
    assert!(matches!(
        accounts::created(&created),
        Err(CreatedIdError::Unexpected { .. })
    ));
}

#[test]
fn account_create_refuses_bad_input() {
    let ok = AdAccount::new("A", "USD", "urn:li:organization:1", AccountType::Business);
    let no_name = AdAccount {
        name: None,
        ..ok.clone()
    };
    assert_eq!(
        accounts::create(&no_name).unwrap_err(),
        AdsError::Missing {
            what: "an ad account",
            field: "name"
        }
    );
    let long = AdAccount {
        name: Some("x".repeat(256)),
        ..ok.clone()
    };
    assert!(matches!(
        accounts::create(&long),
        Err(AdsError::TextLength { found: 256, .. })
    ));
    let blank = AdAccount {
        name: Some("  ".into()),
        ..ok.clone()
    };
    assert!(matches!(
        accounts::create(&blank),
        Err(AdsError::TextLength { .. })
    ));
    let image = AdAccount {
        reference: Some("urn:li:image:1".into()),
        ..ok.clone()
    };
    assert!(matches!(
        accounts::create(&image),
        Err(AdsError::WrongUrn {
            field: "reference",
            ..
        })
    ));
    let no_type = AdAccount { kind: None, ..ok };
    assert!(matches!(
        accounts::create(&no_type),
        Err(AdsError::Missing { field: "type", .. })
    ));
}

#[test]
fn account_ids_are_numbers_or_account_urns() {
    assert_eq!(AccountId::parse(" 507404993 ").unwrap(), acct());
    assert_eq!(
        AccountId::parse("urn:li:sponsoredAccount:507404993").unwrap(),
        acct()
    );
    for bad in [
        "",
        "-1",
        "5o7",
        "urn:li:organization:5",
        "urn:li:sponsoredAccount:abc",
    ] {
        assert!(AccountId::parse(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn account_update_and_delete_wire() {
    let old = AdAccount {
        id: Some(507404993),
        name: Some("Old".into()),
        status: Some(AccountStatus::Draft),
        ..AdAccount::default()
    };
    let new = AdAccount {
        name: Some("New".into()),
        notified_on_creative_approval: Some(true),
        ..old.clone()
    };
    insta::assert_snapshot!(render(accounts::update(acct(), &old, &new).unwrap()));
    assert_eq!(
        accounts::update(acct(), &old, &old).unwrap_err(),
        AdsError::NothingChanged
    );
    insta::assert_snapshot!(render(accounts::delete_draft(&old).unwrap()));
    let active = AdAccount {
        status: Some(AccountStatus::Active),
        ..old
    };
    assert_eq!(
        accounts::delete_draft(&active).unwrap_err(),
        AdsError::NotDraft {
            status: "ACTIVE".into()
        }
    );
}

#[test]
fn campaign_group_calls_wire() {
    let group = CampaignGroup {
        name: Some("Test Campaign Group".into()),
        status: Some(Status::Draft),
        run_schedule: Some(RunSchedule::from(1544432400000)),
        total_budget: Some(Money::new("100.00", "USD")),
        ..CampaignGroup::default()
    };
    insta::assert_snapshot!(render(campaign_groups::create(acct(), &group).unwrap()));
    insta::assert_snapshot!(render(campaign_groups::get(acct(), 615492066)));
    insta::assert_snapshot!(render(
        campaign_groups::batch_get(acct(), [615492066, 615492067]).unwrap()
    ));
    insta::assert_snapshot!(render(campaign_groups::archive(acct(), 615492066).unwrap()));
    let search = campaign_groups::search(
        acct(),
        campaign_groups::Criteria::new()
            .status([Status::Active, Status::Paused])
            .id([CampaignGroupUrn::new(615492066).unwrap()]),
    )
    .unwrap();
    insta::assert_snapshot!(render(search));
}

#[test]
fn campaign_group_create_checks_its_account() {
    let other = CampaignGroup {
        name: Some("G".into()),
        account: Some("urn:li:sponsoredAccount:1".parse().unwrap()),
        ..CampaignGroup::default()
    };
    assert!(matches!(
        campaign_groups::create(acct(), &other),
        Err(AdsError::OtherAccount { .. })
    ));
    let created: CreateResponse<String, CampaignGroup> = CreateResponse::from_http(
        created_answer("615492066"),
        "/rest/adAccounts/507404993/adCampaignGroups",
    )
    .unwrap();
    assert_eq!(
        campaign_groups::created(&created).unwrap(),
        CampaignGroupUrn::new(615492066).unwrap()
    );
}

#[test]
fn campaign_calls_wire() {
    let campaign = Campaign {
        name: Some("Test Campaign".into()),
        campaign_group: Some(CampaignGroupUrn::new(615492066).unwrap()),
        kind: Some(CampaignType::SponsoredUpdates),
        cost_type: Some(CostType::Cpm),
        status: Some(Status::Draft),
        unit_cost: Some(Money::new("10.00", "USD")),
        daily_budget: Some(Money::new("50.00", "USD")),
        locale: Some(json!({"country": "US", "language": "en"})),
        run_schedule: Some(RunSchedule::from(1544432400000)),
        ..Campaign::default()
    };
    insta::assert_snapshot!(render(campaigns::create(acct(), &campaign).unwrap()));
    let search = campaigns::search(
        acct(),
        campaigns::Criteria::new()
            .campaign_group([CampaignGroupUrn::new(615492066).unwrap()])
            .kind([CampaignType::SponsoredUpdates])
            .status([Status::Active])
            .test(false),
    )
    .unwrap();
    insta::assert_snapshot!(render(search));
    let paused = Campaign {
        status: Some(Status::Paused),
        ..campaign.clone()
    };
    insta::assert_snapshot!(render(
        campaigns::update(acct(), 123456789, &campaign, &paused).unwrap()
    ));
    let no_group = Campaign {
        campaign_group: None,
        ..campaign
    };
    assert!(matches!(
        campaigns::create(acct(), &no_group),
        Err(AdsError::Missing {
            field: "campaignGroup",
            ..
        })
    ));
}

#[test]
fn campaign_answer_is_read_and_kept() {
    let documented = json!({
        "account": "urn:li:sponsoredAccount:507404993",
        "campaignGroup": "urn:li:sponsoredCampaignGroup:615492066",
        "costType": "CPM",
        "creativeSelection": "OPTIMIZED",
        "dailyBudget": {"amount": "50", "currencyCode": "USD"},
        "id": 123456789,
        "locale": {"country": "US", "language": "en"},
        "name": "Test Campaign",
        "offsiteDeliveryEnabled": false,
        "runSchedule": {"start": 1544432400000_i64},
        "status": "ACTIVE",
        "targetingCriteria": {"include": {"and": [{"or": {"urn:li:adTargetingFacet:locations": ["urn:li:geo:103644278"]}}]}},
        "type": "SPONSORED_UPDATES",
        "unitCost": {"amount": "10", "currencyCode": "USD"},
        "version": {"versionTag": "2"},
        "servingStatuses": ["RUNNABLE"],
        "brandNewField": {"x": 1}
    });
    let response: EntityResponse<Campaign> = EntityResponse::from_http(
        answer(200, documented.clone()),
        "/rest/adAccounts/507404993/adCampaigns/123456789",
    )
    .unwrap();
    let campaign = response.entity;
    assert_eq!(campaign.cost_type, Some(CostType::Cpm));
    assert_eq!(campaign.status, Some(Status::Active));
    assert_eq!(serde_json::to_value(&campaign).unwrap(), documented);
}

#[test]
fn creative_calls_wire() {
    let creative = Creative {
        campaign: Some(CampaignUrn::new(123456789).unwrap()),
        content: Some(json!({"reference": "urn:li:share:7000000000000000000"})),
        intended_status: Some(IntendedStatus::Draft),
        ..Creative::default()
    };
    insta::assert_snapshot!(render(creatives::create(acct(), &creative).unwrap()));
    let urn = CreativeUrn::new(987654321).unwrap();
    insta::assert_snapshot!(render(creatives::get(acct(), &urn)));
    insta::assert_snapshot!(render(
        creatives::batch_get(acct(), [urn.clone(), CreativeUrn::new(987654322).unwrap()]).unwrap()
    ));
    insta::assert_snapshot!(render(creatives::archive(acct(), &urn).unwrap()));
    let search = creatives::search(acct())
        .campaigns([CampaignUrn::new(123456789).unwrap()])
        .unwrap()
        .intended_statuses([IntendedStatus::Active, IntendedStatus::Paused])
        .unwrap()
        .sort_order(creatives::SortOrder::Ascending)
        .test_account(false);
    insta::assert_snapshot!(render(search));
    let draft = Creative {
        id: Some(urn),
        ..creative
    };
    insta::assert_snapshot!(render(creatives::delete_draft(acct(), &draft).unwrap()));
    let created: CreateResponse<String, Creative> = CreateResponse::from_http(
        created_answer("urn:li:sponsoredCreative:987654321"),
        "/rest/adAccounts/507404993/creatives",
    )
    .unwrap();
    assert_eq!(creatives::created(&created).unwrap().id(), "987654321");
}

fn status() -> impl Strategy<Value = Status> {
    prop_oneof![
        Just(Status::Active),
        Just(Status::Paused),
        Just(Status::Archived),
        Just(Status::Canceled),
        Just(Status::Draft),
        Just(Status::PendingDeletion),
        Just(Status::Removed),
        "[A-Z_]{1,12}".prop_map(|s| s.parse::<Status>().unwrap()),
    ]
}

proptest! {
    /// Any campaign group of documented fields and values (known or new)
    /// reads and writes back unchanged, and a status change patches the
    /// status alone.
    #[test]
    fn campaign_groups_round_trip(
        id in any::<u64>(),
        name in "[A-Za-z0-9][A-Za-z0-9 ,()]{0,39}",
        from in status(),
        to in status(),
        extra in proptest::option::of("[a-z]{1,8}"),
    ) {
        let mut value = json!({"id": id, "name": name, "status": from.as_str(),
            "account": "urn:li:sponsoredAccount:507404993"});
        if let Some(key) = extra {
            value[format!("new{key}")] = json!({"kept": true});
        }
        let group: CampaignGroup = serde_json::from_value(value.clone()).unwrap();
        prop_assert_eq!(serde_json::to_value(&group).unwrap(), value);
        let changed = CampaignGroup { status: Some(to.clone()), ..group.clone() };
        match campaign_groups::update(acct(), id, &group, &changed) {
            Ok(update) => prop_assert_eq!(
                update.as_ref().body().cloned(),
                Some(json!({"patch": {"$set": {"status": to.as_str()}}}))
            ),
            Err(err) => {
                prop_assert_eq!(&from, &to);
                prop_assert_eq!(err, AdsError::NothingChanged);
            }
        }
    }

    /// An account id reads back from its number and its URN, and nothing
    /// else that is not digits reads as one.
    #[test]
    fn account_ids_parse(id in any::<u64>(), junk in "[a-zA-Z:_-]{1,8}") {
        let account = AccountId::new(id);
        prop_assert_eq!(AccountId::parse(&id.to_string()).unwrap(), account);
        prop_assert_eq!(AccountId::parse(account.urn().unwrap().as_str()).unwrap(), account);
        let bad = format!("{}{}", id, junk);
        prop_assert!(AccountId::parse(&bad).is_err());
    }
}

proptest! {
    /// Accounts and creatives of documented or new enum values, and of new
    /// fields, read and write back unchanged.
    #[test]
    fn accounts_and_creatives_round_trip(
        status in "[A-Z_]{1,16}",
        kind in prop_oneof![Just("BUSINESS".to_owned()), Just("ENTERPRISE".to_owned()), "[A-Z]{1,10}"],
        name in "[ -~]{1,30}",
        test in any::<bool>(),
        new_key in "[a-z]{1,8}",
        id in 1u64..u64::MAX,
    ) {
        let account = json!({
            "id": id, "name": name, "currency": "USD", "status": status, "type": kind,
            "test": test, "reference": "urn:li:organization:2414183",
            "servingStatuses": ["RUNNABLE"], format!("zz{new_key}"): [1, "two"],
        });
        let read: AdAccount = serde_json::from_value(account.clone()).unwrap();
        prop_assert_eq!(read.status.as_ref().map(|s| s.as_str()), Some(status.as_str()));
        prop_assert_eq!(serde_json::to_value(&read).unwrap(), account);
        let creative = json!({
            "id": format!("urn:li:sponsoredCreative:{id}"),
            "campaign": "urn:li:sponsoredCampaign:123456789",
            "account": "urn:li:sponsoredAccount:507404993",
            "content": {"reference": "urn:li:share:7000"},
            "intendedStatus": status, "isTest": test, "name": name,
            format!("zz{new_key}"): {"kept": true},
        });
        let read: Creative = serde_json::from_value(creative.clone()).unwrap();
        prop_assert_eq!(serde_json::to_value(&read).unwrap(), creative);
    }
}
