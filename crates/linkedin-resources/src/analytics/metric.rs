//! The pivots and metrics of the "Ads Reporting" page and its schema
//! (<https://learn.microsoft.com/en-us/linkedin/marketing/integrations/ads-reporting/ads-reporting-schema>).

use std::fmt;

use serde::{Serialize, Serializer};

use super::AnalyticsError;

macro_rules! pivots {
    ($($(#[$doc:meta])* $variant:ident = $text:literal,)+) => {
        /// What a report's rows are grouped by (`pivot` / `pivots`), as the
        /// Ads Reporting page lists them. Reading any other name is an
        /// [`AnalyticsError::UnknownPivot`].
        ///
        /// ```
        /// use linkedin::resources::analytics::Pivot;
        /// assert_eq!("CAMPAIGN_GROUP".parse::<Pivot>()?, Pivot::CampaignGroup);
        /// assert!("CAMPAIGNS".parse::<Pivot>().is_err());
        /// # Ok::<(), linkedin::resources::analytics::AnalyticsError>(())
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Pivot {
            $($(#[$doc])* $variant,)+
        }

        impl Pivot {
            /// Every pivot, in the page's order.
            ///
            /// ```
            /// assert!(linkedin::resources::analytics::Pivot::ALL.contains(&linkedin::resources::analytics::Pivot::Creative));
            /// ```
            pub const ALL: &'static [Pivot] = &[$(Pivot::$variant,)+];

            /// The value as LinkedIn writes it.
            ///
            /// ```
            /// assert_eq!(linkedin::resources::analytics::Pivot::MemberCountryV2.as_str(), "MEMBER_COUNTRY_V2");
            /// ```
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Pivot::$variant => $text,)+
                }
            }
        }

        impl std::str::FromStr for Pivot {
            type Err = AnalyticsError;

            fn from_str(text: &str) -> Result<Pivot, AnalyticsError> {
                match text {
                    $($text => Ok(Pivot::$variant),)+
                    other => Err(AnalyticsError::UnknownPivot {
                        found: other.chars().take(64).collect(),
                    }),
                }
            }
        }
    };
}

pivots! {
    /// The advertiser's company.
    Company = "COMPANY",
    /// The ad account.
    Account = "ACCOUNT",
    /// The sponsored post.
    Share = "SHARE",
    /// The campaign.
    Campaign = "CAMPAIGN",
    /// The creative.
    Creative = "CREATIVE",
    /// The campaign group.
    CampaignGroup = "CAMPAIGN_GROUP",
    /// The conversion.
    Conversion = "CONVERSION",
    /// The node of a conversation ad.
    ConversationNode = "CONVERSATION_NODE",
    /// The option of a conversation ad's node.
    ConversationNodeOptionIndex = "CONVERSATION_NODE_OPTION_INDEX",
    /// On or off LinkedIn.
    ServingLocation = "SERVING_LOCATION",
    /// The card of a carousel.
    CardIndex = "CARD_INDEX",
    /// The member's company size (a professional demographic).
    MemberCompanySize = "MEMBER_COMPANY_SIZE",
    /// The member's industry (a professional demographic).
    MemberIndustry = "MEMBER_INDUSTRY",
    /// The member's seniority (a professional demographic).
    MemberSeniority = "MEMBER_SENIORITY",
    /// The member's job title (a professional demographic).
    MemberJobTitle = "MEMBER_JOB_TITLE",
    /// The member's job function (a professional demographic).
    MemberJobFunction = "MEMBER_JOB_FUNCTION",
    /// The member's country (a professional demographic).
    MemberCountryV2 = "MEMBER_COUNTRY_V2",
    /// The member's region (a professional demographic).
    MemberRegionV2 = "MEMBER_REGION_V2",
    /// The member's company (a professional demographic).
    MemberCompany = "MEMBER_COMPANY",
    /// Where the ad was placed.
    PlacementName = "PLACEMENT_NAME",
    /// The device the ad was seen on.
    ImpressionDeviceType = "IMPRESSION_DEVICE_TYPE",
}

impl Pivot {
    /// Whether it is a professional demographic pivot (`MEMBER_*`).
    ///
    /// ```
    /// use linkedin::resources::analytics::Pivot;
    /// assert!(Pivot::MemberSeniority.is_demographic());
    /// assert!(!Pivot::Campaign.is_demographic());
    /// ```
    pub fn is_demographic(self) -> bool {
        self.as_str().starts_with("MEMBER_")
    }
}

impl fmt::Display for Pivot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Pivot {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

macro_rules! metrics {
    ($($variant:ident = $text:literal,)+) => {
        /// A metric a report counts (a field of `fields`), as the Ads
        /// Reporting schema lists them, or [`Other`](Metric::Other) for one
        /// this version does not know. Reading a name it does not list is
        /// an [`AnalyticsError::UnknownMetric`] (a typo, most likely); make
        /// an `Other` on purpose.
        ///
        /// ```
        /// use linkedin::resources::analytics::Metric;
        /// assert_eq!("clicks".parse::<Metric>()?, Metric::Clicks);
        /// assert!("clickz".parse::<Metric>().is_err());
        /// assert_eq!(Metric::Other("brandNewMetric".into()).as_str(), "brandNewMetric");
        /// # Ok::<(), linkedin::resources::analytics::AnalyticsError>(())
        /// ```
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Metric {
            $(#[doc = concat!("`", $text, "`.")] $variant,)+
            /// Any metric by name (letters and digits).
            Other(String),
        }

        impl Metric {
            /// Every metric this version knows.
            ///
            /// ```
            /// assert!(linkedin::resources::analytics::Metric::KNOWN.len() > 50);
            /// ```
            pub const KNOWN: &'static [Metric] = &[$(Metric::$variant,)+];

            /// The field's name.
            ///
            /// ```
            /// assert_eq!(linkedin::resources::analytics::Metric::CostInUsd.as_str(), "costInUsd");
            /// ```
            pub fn as_str(&self) -> &str {
                match self {
                    $(Metric::$variant => $text,)+
                    Metric::Other(name) => name,
                }
            }
        }

        impl std::str::FromStr for Metric {
            type Err = AnalyticsError;

            fn from_str(text: &str) -> Result<Metric, AnalyticsError> {
                match text {
                    $($text => Ok(Metric::$variant),)+
                    other => Err(AnalyticsError::UnknownMetric {
                        found: other.chars().take(64).collect(),
                    }),
                }
            }
        }
    };
}

metrics! {
    ActionClicks = "actionClicks",
    AdUnitClicks = "adUnitClicks",
    ApproximateMemberReach = "approximateMemberReach",
    AudiencePenetration = "audiencePenetration",
    AverageDwellTime = "averageDwellTime",
    CardClicks = "cardClicks",
    CardImpressions = "cardImpressions",
    Clicks = "clicks",
    CommentLikes = "commentLikes",
    Comments = "comments",
    CompanyPageClicks = "companyPageClicks",
    ConversionValueInLocalCurrency = "conversionValueInLocalCurrency",
    CostInLocalCurrency = "costInLocalCurrency",
    CostInUsd = "costInUsd",
    DocumentCompletions = "documentCompletions",
    DocumentFirstQuartileCompletions = "documentFirstQuartileCompletions",
    DocumentMidpointCompletions = "documentMidpointCompletions",
    DocumentThirdQuartileCompletions = "documentThirdQuartileCompletions",
    DownloadClicks = "downloadClicks",
    ExternalWebsiteConversions = "externalWebsiteConversions",
    ExternalWebsitePostClickConversions = "externalWebsitePostClickConversions",
    ExternalWebsitePostViewConversions = "externalWebsitePostViewConversions",
    Follows = "follows",
    FullScreenPlays = "fullScreenPlays",
    Impressions = "impressions",
    JobApplications = "jobApplications",
    JobApplyClicks = "jobApplyClicks",
    LandingPageClicks = "landingPageClicks",
    LeadGenerationMailContactInfoShares = "leadGenerationMailContactInfoShares",
    LeadGenerationMailInterestedClicks = "leadGenerationMailInterestedClicks",
    Likes = "likes",
    OneClickLeadFormOpens = "oneClickLeadFormOpens",
    OneClickLeads = "oneClickLeads",
    Opens = "opens",
    OtherEngagements = "otherEngagements",
    PostClickJobApplications = "postClickJobApplications",
    PostClickJobApplyClicks = "postClickJobApplyClicks",
    PostClickRegistrations = "postClickRegistrations",
    PostViewJobApplications = "postViewJobApplications",
    PostViewJobApplyClicks = "postViewJobApplyClicks",
    PostViewRegistrations = "postViewRegistrations",
    Reactions = "reactions",
    Registrations = "registrations",
    Sends = "sends",
    Shares = "shares",
    TalentLeads = "talentLeads",
    TextUrlClicks = "textUrlClicks",
    TotalEngagements = "totalEngagements",
    ValidWorkEmailLeads = "validWorkEmailLeads",
    VideoCompletions = "videoCompletions",
    VideoFirstQuartileCompletions = "videoFirstQuartileCompletions",
    VideoMidpointCompletions = "videoMidpointCompletions",
    VideoStarts = "videoStarts",
    VideoThirdQuartileCompletions = "videoThirdQuartileCompletions",
    VideoViews = "videoViews",
    ViralCardClicks = "viralCardClicks",
    ViralCardImpressions = "viralCardImpressions",
    ViralClicks = "viralClicks",
    ViralCommentLikes = "viralCommentLikes",
    ViralComments = "viralComments",
    ViralCompanyPageClicks = "viralCompanyPageClicks",
    ViralExternalWebsiteConversions = "viralExternalWebsiteConversions",
    ViralFollows = "viralFollows",
    ViralImpressions = "viralImpressions",
    ViralLandingPageClicks = "viralLandingPageClicks",
    ViralLikes = "viralLikes",
    ViralOneClickLeads = "viralOneClickLeads",
    ViralReactions = "viralReactions",
    ViralShares = "viralShares",
    ViralTotalEngagements = "viralTotalEngagements",
    ViralVideoViews = "viralVideoViews",
}

/// The longest metric name [`Metric::Other`] takes.
const MAX_METRIC_NAME: usize = 100;

impl Metric {
    /// Any metric by name, checked like [`Metric::Other`] is when sent: a
    /// known name gives its variant.
    ///
    /// ```
    /// use linkedin::resources::analytics::Metric;
    /// assert_eq!(Metric::named("clicks")?, Metric::Clicks);
    /// assert_eq!(Metric::named("newOne")?, Metric::Other("newOne".into()));
    /// assert!(Metric::named("a,b").is_err());
    /// # Ok::<(), linkedin::resources::analytics::AnalyticsError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`AnalyticsError::BadMetricName`] for a name that is not letters and
    /// digits (starting with a letter, at most 100).
    pub fn named(name: &str) -> Result<Metric, AnalyticsError> {
        if let Ok(known) = name.parse() {
            return Ok(known);
        }
        let other = Metric::Other(name.to_owned());
        other.check()?;
        Ok(other)
    }

    /// Checks an [`Other`](Metric::Other) name.
    pub(crate) fn check(&self) -> Result<(), AnalyticsError> {
        let Metric::Other(name) = self else {
            return Ok(());
        };
        let plain = name.len() <= MAX_METRIC_NAME
            && name.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
            && name.bytes().all(|b| b.is_ascii_alphanumeric());
        if plain && name != "dateRange" && name != "pivotValues" {
            Ok(())
        } else {
            Err(AnalyticsError::BadMetricName {
                found: name.chars().take(64).collect(),
            })
        }
    }
}

impl fmt::Display for Metric {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
