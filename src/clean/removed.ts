// Marks text that is not article content: promotional blocks, site/wire boilerplate and repeated
// sentences. Nothing is deleted; the caller gets spans (offsets into the original text).
//
// How it works, in linear time:
// 1. The text is cut into units: one unit per line, or one per paragraph when the text is
//    hard-wrapped (1987 Reuters bodies wrap at ~70 columns and indent each paragraph).
// 2. Every unit is tested against LINE_PATTERNS (anywhere in the article), then promotional and
//    colon-ended marked units swallow the adjacent short lines that continue them (CONTINUATION).
// 3. A tail walk from the last unit upwards also accepts TAIL_PATTERNS (weaker cues that only mean
//    "not content" at the very end: a bare "Reuter", "Share", an author bio ...); the sentences
//    at the end of the last content paragraph are tried against the patterns marked `sentence`.
// 4. Sentences of >= 5 words seen earlier (Map of whitespace-normalised sentences) are 'repeated'.

import type { RemovedReason, RemovedSpan } from '../document.js';

interface RemovalPattern {
  /** Name reported in RemovedSpan.rule. */
  rule: string;
  reason: RemovedReason;
  re: RegExp;
  /** A second test the unit must also pass (keeps broad first tests precise). */
  requires?: RegExp;
  /** The unit may have at most this many words. */
  maxWords: number;
  /** Cheap pre-test: the unit must contain one of these substrings (no whitespace in them: they are also looked up once in the whole raw text). */
  needs?: readonly string[];
  /** For end-anchored patterns: test (and pre-test) only the last this-many characters of the unit. */
  tail?: number;
  /** Also tried on the trailing sentences of the last content paragraph (one-paragraph articles). */
  sentence?: boolean;
}

/** A line that reports speech is news, not a site's own warning. */
const NOT_REPORTED = /^(?!.*\b(?:said|says|warned|warns|told|according to|added|wrote)\b)/i;

/** Patterns tried on every line of the article. The first match wins, so promotional rules come first. */
const LINE_PATTERNS: readonly RemovalPattern[] = [
  // ---- promotional ----------------------------------------------------------------------------
  // Crypto press-wire tagline appended to syndicated copy: "KEY Difference Wire helps cryptocurrency brands reach and dominate headlines quickly."
  { rule: 'press-wire-tagline', reason: 'promotional', maxWords: 35, needs: ['helps', 'enables', 'empowers'],
    re: /^\W{0,4}[A-Z][\w.&'’-]*(?:\s+[A-Z0-9][\w.&'’-]*){0,5}\s+(?:helps|enables|empowers)\s+(?:[\w-]+\s+){0,4}(?:brands?|projects?|startups?|companies|businesses|founders|clients|teams)\b.{0,80}\b(?:headlines?|media coverage|press coverage|visibility|exposure|audiences?|spotlight|publicity|the news cycle)\b/ },
  // Chainwire / BTCWire "About" blurbs: "Chainwire is a leading crypto press release distribution service."
  { rule: 'press-wire-tagline', reason: 'promotional', maxWords: 45, needs: ['istribution'],
    re: /^\W{0,4}(?:about [^:]{1,40}[:：]\s*)?(?:[\w.&'’-]+\s+){1,5}(?:is|are)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,6}?(?:press[- ]release|PR|news(?:wire)?|content|media) distribution (?:service|platform|network|agency|company|partner)\b/i },
  // Sponsored-post labels on CoinTelegraph, Benzinga, Yahoo Finance partner feeds: "This is a sponsored article." / "Sponsored content"
  { rule: 'sponsored-disclosure', reason: 'promotional', maxWords: 45, sentence: true,
    re: /^\W{0,4}(?:(?:disclosure|disclaimer|note|editor'?s note)\s*[:：]\s*)?(?:this (?:article|post|story|content|piece|press release) (?:is|was) (?:a |an )?(?:sponsored|paid|promoted|partner)\b|this is an? (?:sponsored|paid|promoted|partner)\b|the following (?:content|article|post) is (?:sponsored|paid|promoted)\b)/i },
  // Bare label lines above partner content (Benzinga "Sponsored", Forbes "Paid Post", "Partner Content").
  { rule: 'sponsored-disclosure', reason: 'promotional', maxWords: 6,
    re: /^\W{0,4}(?:sponsored(?: content| post| article| story| by\b.*)?|promoted(?: content| post)?|advertorial|paid (?:post|content|partnership|promotion)|partner content|press release)\W{0,4}$/i },
  // Affiliate disclosures (IGN deals posts, Wirecutter, crypto review sites): "If you buy something through this post, IGN may get a share of the sale."
  { rule: 'affiliate-disclosure', reason: 'promotional', maxWords: 70,
    re: /^\W{0,4}(?:(?:[Dd]isclosure|[Nn]ote|[Aa]ffiliate [Dd]isclosure)\s*[:：]\s*)?(?:(?:[Ww]e|[Tt]his (?:site|page|post|article|story|review))(?: (?:may|might|could|will|can))?|[A-Z][\w.]*(?: [A-Z][\w.]*)? (?:may|might|could|can)) (?:earn|receive|get|contains?|includes?)\b.{0,30}\b(?:commissions?|share of (?:the )?sales?|affiliate links?|affiliate (?:fees?|compensation))\b/ },
  { rule: 'affiliate-disclosure', reason: 'promotional', maxWords: 70,
    re: /^\W{0,4}(?:[Ii]f|[Ww]hen) you (?:buy|purchase|shop|click|sign up|subscribe|register)\b.{0,100}\b(?:commissions?|share of (?:the )?sales?|compensat\w*|affiliate)\b/ },
  // Affiliate disclosures by shape, any wording: affiliate links/programs or an earned commission, said of the
  // page itself or to its reader ("Some of the links on this page are affiliate links, which means we may earn a
  // small commission", "when you shop through our links we may receive compensation"). Not news about affiliate
  // programmes ("Amazon cut the commission rates of its affiliate program"): the page or its reader must be the subject.
  { rule: 'affiliate-disclosure', reason: 'promotional', maxWords: 70, sentence: true,
    re: /\baffiliate (?:links?|partners?|partnerships?|programs?|programmes?|commissions?|relationships?|marketing|compensation)\b|\b(?:earns?|receives?|gets?|makes?|collects?|paid|compensated)\b(?: (?:a|an|some))?(?: (?:small|modest|tiny))?(?: (?:share|portion|percentage) of (?:the )?(?:sales?|revenue|proceeds)| (?:commissions?|compensation|(?:a )?fee|revenue)\b)/i,
    requires: /^(?!.*\b(?:said|says|told|according to|reported)\b)(?=.*\b(?:we|us|our|you|your|this (?:site|page|article|post|website|review|guide|story|list))\b)/i },
  // Sponsored notices by shape: "This article is brought to you by Helix Mining", "Produced in partnership with GreenVolt",
  // "This content was paid for by ...", "Presented by ...". (News says "was sponsored by Aramco, officials said": not at a line's start.)
  { rule: 'sponsored-disclosure', reason: 'promotional', maxWords: 40, sentence: true,
    re: /^\W{0,4}(?:(?:this|the following) (?:article|post|story|content|piece|page|feature|report|series|newsletter|podcast|video)s? (?:is|are|was|were|has been) (?:(?:brought|presented|paid for|funded|commissioned|sponsored|underwritten|supported)\s+(?:to you\s+)?by|(?:produced|created|written|published) (?:in (?:partnership|collaboration|association) with|on behalf of|for)|a (?:paid |sponsored )?(?:press release|partnership|advertorial|promotion))|(?:brought to you|presented|paid for|sponsored|commissioned|underwritten)\s+by\s+[A-Z]|(?:produced|created|published) in (?:partnership|collaboration|association) with\s+[A-Z])/i },
  // Referral/affiliate URL on exchange promos ("https://accounts.binance.com/register?ref=...", "bybit.com/en/invite?ref=...").
  { rule: 'referral-link', reason: 'promotional', maxWords: 45, needs: ['='],
    re: /(?:https?:\/\/|www\.|\b[\w-]+\.(?:com|io|net|org|exchange|finance|app|co|me|gg|pro)\/)\S*?[?&](?:ref|aff|affiliate|aff_id|affid|referral|referrer|ref_id|refid|ref_code|refcode|invite|invite_code|invitecode|invitationcode|promo|promocode|coupon|partner_id|partnerid|clickid|sub_id|btag|inviter)=/i },
  // Sign-up path with campaign tags (Bitget/OKX campaign links): "https://www.okx.com/join/ABC?utm_source=..."
  { rule: 'referral-link', reason: 'promotional', maxWords: 45, needs: ['utm_'],
    re: /https?:\/\/\S*\/(?:register|signup|sign-up|join|invite|referral|ref|aff|go|promo|bonus|offer)(?:\/|\?|\b)\S*[?&]utm_/i },
  // Invite links with the code in the path (Bybit "/invite/XXXX", Telegram "joinchat" groups).
  { rule: 'referral-link', reason: 'promotional', maxWords: 45, needs: ['://'],
    re: /https?:\/\/\S*\/(?:invite|referral|ref|joinchat|r)\/[A-Za-z0-9_-]{5,}/i },
  // Labelled code/link items in exchange promos: "- Referral code: Q2FSX523", "- New account registration link: https://..."
  { rule: 'referral-code', reason: 'promotional', maxWords: 20,
    re: /^\W{0,4}(?:[\w’'-]+\s+){0,4}?(?:registration|sign[- ]?up|referral|refer|invite|invitation|affiliate|promo(?:tion(?:al)?)?|coupon|discount|bonus|voucher|reward|partner)\s+(?:link|code|id|url|key)s?\s*[:：]/i },
  // Promo-code instructions (sportsbooks, VPN and exchange promos): "Use code SAVE20 at checkout", "Enter promo code CRYPTO50"
  { rule: 'referral-code', reason: 'promotional', maxWords: 35, needs: ['ode', 'ODE'],
    re: /\b(?:[Uu]se|USE|[Ee]nter|ENTER|[Aa]pply|[Uu]sing|[Ww]ith|[Rr]edeem)\s+(?:(?:the|our|my|this|[Pp]romo|[Pp]romotional|[Rr]eferral|[Ii]nvite|[Ii]nvitation|[Cc]oupon|[Dd]iscount|[Bb]onus|[Vv]oucher|PROMO)\s+)*(?:code|CODE|[Cc]ode)\s*[:：]?\s*["“'‘]?(?=[0-9]*[A-Z])[A-Z0-9]{4,}\b/ },
  // Imperative sign-up offers (exchange and broker promos): "Register a Binance account to receive permanent trading fee refunds:"
  { rule: 'signup-call-to-action', reason: 'promotional', maxWords: 40,
    re: /^\W{0,4}(?:register|sign[- ]?up|join|open|create|claim|grab|unlock|get|earn|receive|start trading|trade|buy|try|download|deposit)\b(?:\s+\S+){0,12}?\s+(?:(?:an?|your|free|new|demo|trading|real|verified)\s+(?:[\w-]+\s+)?account|(?:welcome |sign[- ]?up |deposit |new[- ]user |exclusive |referral |trading )?bonus(?:es)?|(?:trading )?fee (?:refunds?|rebates?|discounts?|cashback)|rebates?|cashback|free (?:trial|crypto|bitcoin|btc|usdt|spins?|bets?|shares?|stock)|(?:promo|referral|bonus|invite|coupon|discount) code|\d+% (?:off|discount|fee|bonus|rebate|cashback))\b/iu,
    requires: /(?:[:!]\s*$|https?:\/\/|\b(?:now|today|here|below|instantly)\b|\bto (?:receive|get|claim|enjoy|earn|unlock|start|win|save)\b|\b(?:and|&) (?:get|receive|claim|earn|enjoy|save)\b|\bup to\b|\bpermanent\b|\bexclusive\b)/i },
  // Short "Register now" / "Sign up today" buttons scraped as lines.
  { rule: 'signup-call-to-action', reason: 'promotional', maxWords: 12,
    re: /^\W{0,4}(?:register|sign[- ]?up|join|open an account|create (?:an |your )?account|start trading|claim (?:your|the) (?:bonus|offer|reward))\s+(?:now|today|here|for free|free|in seconds)\b/i },

  // ---- boilerplate ----------------------------------------------------------------------------
  // Crypto and markets disclaimers (CoinGape, FXStreet, Benzinga): "Disclaimer: The information in this article ..."
  { rule: 'disclaimer', reason: 'boilerplate', maxWords: 250, sentence: true,
    re: /^\W{0,4}(?:legal |investment |financial |important )?(?:disclaimer|risk (?:warning|disclosure)s?)\s*(?:[:：.—–-]|$)/i },
  // "The information provided in this article does not constitute investment advice." (any subject that is the content itself)
  { rule: 'disclaimer', reason: 'boilerplate', maxWords: 150, sentence: true,
    re: /^\W{0,4}(?:the |this |our |all |any |such |none of the |nothing (?:in|on|contained in) (?:this|the|our) )?(?:information|content|contents|article|post|material|materials|opinions?|views?|analysis|data|website|site|publication|commentary|text|page|nothing)\b.{0,200}?\b(?:(?:is|are|does|do|should|shall|must|can|may)(?: not|n[o'’]t)\b|not intended\b|for (?:general )?(?:informational|educational|information(?:al)?) purposes\b|constitutes?\b).{0,120}?\b(?:(?:financial|investment|trading|legal|tax)(?: or (?:financial|investment|trading|legal|tax))? advice|(?:an? )?(?:offer|solicitation|recommendation) to (?:buy|sell))\b/i },
  // Opinion-page caveat (Cointelegraph, Kitco, Forbes contributors): "The views and opinions expressed here are solely those of the author ..."
  { rule: 'disclaimer', reason: 'boilerplate', maxWords: 80, sentence: true,
    re: /^\W{0,4}(?:the )?(?:views?|opinions?)(?: and (?:views?|opinions?))? expressed (?:here|herein|in this (?:article|post|piece|column|commentary|op-ed))\b/i },
  // Disclosure labels (Motley Fool, Seeking Alpha, Cointelegraph): "Disclosure: The author holds no position in ...", "The Motley Fool has a disclosure policy."
  { rule: 'disclaimer', reason: 'boilerplate', maxWords: 150, sentence: true,
    re: /^\W{0,4}(?:editorial |author |analyst'?s? )?disclosures?\s*[:：]/i },
  { rule: 'disclaimer', reason: 'boilerplate', maxWords: 60, sentence: true, needs: ['isclosure'],
    re: /\b(?:has|have) a disclosure policy\b/ },
  // Short crypto sign-offs: "Not financial advice. DYOR."
  { rule: 'disclaimer', reason: 'boilerplate', maxWords: 15, needs: ['dvice', 'DVICE', 'NFA', 'DYOR', 'esearch', 'ESEARCH'], sentence: true,
    re: /\b(?:not (?:financial|investment) advice|NFA|DYOR|do your own research)\b/i },
  // Newsletter prompts (CNBC, LA Times, Spokesman-Review): "Sign up for free newsletters and get more CNBC delivered to your inbox"
  { rule: 'newsletter', reason: 'boilerplate', maxWords: 40,
    re: /^\W{0,4}(?:(?:sign[- ]?up|subscribe|register|join|never miss|don'?t miss|stay (?:up to date|informed|updated)|be the first)\b.{0,100}\b(?:newsletters?|inbox|daily (?:email|digest|briefing)|(?:email|news) alerts?)|(?:get|receive|want)\b.{0,100}\b(?:newsletters?|(?:in|to|into) your (?:e-?mail )?inbox|(?:email|news) alerts?))\b/i },
  // Newsletter blurbs ending in a link label (Reuters): "The Reuters Daily Briefing newsletter provides all the news you need to start your day. Sign up here."
  { rule: 'newsletter', reason: 'boilerplate', maxWords: 45, tail: 40, needs: ['here', 'HERE'],
    re: /\b(?:sign up|subscribe|register) here\W{0,3}$/i },
  // E-mail capture forms (MarketBeat, Zacks): "Enter your email address below to receive a concise daily summary ..."
  { rule: 'newsletter', reason: 'boilerplate', maxWords: 40, needs: ['mail', 'MAIL'],
    re: /\benter your e-?mail(?: address)?\b/i },
  // Newsletter titles scraped as lines: "Morning Editorial Report Newsletter", "The Quanta Newsletter"
  { rule: 'newsletter', reason: 'boilerplate', maxWords: 6,
    re: /^(?:[\w&'’.-]+\s+){0,4}newsletters?\W{0,3}$/i },
  // Subscription walls (WSJ, Sportsnet, CNBC PRO): "Subscribe to CNBC PRO", "Become a Subscriber", "Already a subscriber? Log in"
  { rule: 'subscribe-prompt', reason: 'boilerplate', maxWords: 30,
    re: /^\W{0,4}(?:subscribe|become an? (?:member|subscriber|patron|supporter)|already (?:an? )?(?:subscriber|member)|already have an account|subscribers? only|for subscribers|support (?:our|independent) journalism|unlock (?:this|full|unlimited) (?:article|access|story))(?![\w-])/i },
  // Social follow prompts (Cointelegraph, BeInCrypto, regional papers): "Follow us on X", "Follow us on:" / "Join our Telegram channel"
  { rule: 'social-follow', reason: 'boilerplate', maxWords: 30,
    re: /^\W{0,4}(?:follow|like|find|join|connect with|subscribe to)\s+(?:us|me|him|her|them|@\w+|[\w.&'’-]+(?:\s+[\w.&'’-]+){0,2})\s+(?:on|at|via)\s+(?:twitter|x|facebook|instagram|linkedin|telegram|youtube|threads|tiktok|google news|bluesky|mastodon|whatsapp|discord|reddit|flipboard|social media|truth social)\b/i },
  { rule: 'social-follow', reason: 'boilerplate', maxWords: 12,
    re: /^\W{0,4}(?:follow (?:us|me)\b|join (?:our|the)\s+(?:[\w-]+\s+){0,2}(?:telegram|discord|whatsapp|community|channel|group)\b|stay connected\b)/i },
  // Crypto portals (Coincu, Coin68 translations): "Join Bitcoin Magazine Telegram to keep track of news", "Follow the Youtube Channel | Subscribe to telegram channel"
  { rule: 'social-follow', reason: 'boilerplate', maxWords: 30,
    re: /^\W{0,4}(?:join|follow|subscribe to)\s+(?:(?:our|the|my)\s+)?(?:[\w.&'’-]+\s+){0,3}(?:telegram|discord|whatsapp|youtube|twitter|facebook|instagram|tiktok|linkedin)(?:\s+(?:channel|group|page|account|community|feed))?\b/i },
  // AP hubs: "Follow AP's coverage of the war in Ukraine at https://apnews.com/hub/russia-ukraine"
  { rule: 'social-follow', reason: 'boilerplate', maxWords: 30,
    re: /^\W{0,4}(?:follow|find|see) (?:more of )?(?:[\w.&'’-]+\s+){0,3}coverage (?:of|on|at)\b.{0,150}(?:https?:\/\/|www\.|\.com\b)/i },
  // Share bars (WordPress Jetpack, NY Post, Real Deal): "Share on Facebook", "Click to share on Twitter (Opens in new window)", "Share this article:"
  { rule: 'share-line', reason: 'boilerplate', maxWords: 16,
    re: /^\W{0,4}(?:click to )?(?:share|tweet|e-?mail|print|pin|send|copy)(?: this| the)? (?:article|story|post|page|link|via|on (?:facebook|twitter|x|linkedin|whatsapp|telegram|reddit|e-?mail|pinterest|messenger|flipboard|threads|bluesky)|to (?:a friend|facebook|twitter|linkedin|whatsapp))\b.{0,60}$/i },
  // NY Post counters: "This story has been shared 44,976 times."
  { rule: 'share-line', reason: 'boilerplate', maxWords: 12,
    re: /^\W{0,4}this (?:story|article|post) has been shared [\d,.]+ times\b/i },
  // Link-out teasers (Yahoo Finance, The Sun, Indian portals): "Read more: ...", "Related:", "Also read", "You may also like"
  { rule: 'read-more', reason: 'boilerplate', maxWords: 45,
    re: /^\W{0,4}(?:read more|read also|also read|read next|read the (?:full|original) (?:story|article|report)|related(?: articles?| stories| news| content| reading| coverage| posts?| topics| links?| videos?)?|see also|more (?:from|on|about) (?:this|[\w.&'’-]+)(?: (?:story|topic|[\w.&'’-]+))?|you (?:may|might) also (?:like|be interested in|enjoy|want to read)|recommended(?: for you| stories| reading| articles?)?|more (?:stories|news|articles)|top stories|trending(?: now| stories| news)?|further reading|must read|don'?t miss|popular (?:now|stories|articles)|editor'?s picks?|latest news|most (?:read|popular|viewed)(?: (?:from|on|at) [\w.&'’ -]{1,40})?|what to read next|keep reading|(?:more )?top reads(?: from [\w.&'’ -]{1,40})?|mentioned in this article|explore more on these topics|in case you missed it)\b\s*(?:[:：|›»>–—-]|\.{3}|…|$)/i },
  // Syndicated teasers: "Read this article on OilPrice.com", "Read the original article on Business Insider"
  { rule: 'read-more', reason: 'boilerplate', maxWords: 20,
    re: /^\W{0,4}read (?:this|the|the full|the original) (?:article|story|post|report) (?:on|at|in)\b/i },
  // Teaser captions that end in a link label (National Review, Daily Caller): "... Ocasio-Cortez. Read More"
  { rule: 'read-more', reason: 'boilerplate', maxWords: 60, tail: 40, needs: ['Read'],
    re: /\bRead (?:[Mm]ore|MORE|[Ff]ull (?:[Ss]tory|[Aa]rticle))\s*(?:»|›|→|>>?|\.{3}|…)?\s*$/ },
  // Media teasers (CNN, Fox, Yahoo): "WATCH: ...", "VIDEO: ...", "Listen: ..."
  { rule: 'read-more', reason: 'boilerplate', maxWords: 30,
    re: /^\W{0,4}(?:WATCH|LISTEN|VIDEO|PHOTOS|GALLERY|PODCAST|Watch|Listen|Video|Photos|Gallery|Podcast)\s*[:|]/ },
  // Syndication notes (The Conversation, WordPress RSS, Project Syndicate): "This article was originally published on ..."
  { rule: 'originally-published', reason: 'boilerplate', maxWords: 60, sentence: true,
    re: /^\W{0,4}(?:this (?:article|story|post|piece|column|report|content|interview|op-ed|commentary)\b.{0,40}?\b(?:was|is|has been|first|originally)\b.{0,25}?\b(?:published|appeared|posted|syndicated|republished|reprinted|adapted)\b|(?:originally|first) (?:published|appeared|posted)\s+(?:on|in|at|by)\b|(?:republished|reprinted|reproduced|published) (?:here )?(?:with|by) (?:kind )?permission|a version of this (?:article|story|post|piece|report)\b)/i },
  // WordPress feed footer: "The post Gold rises as dollar slips appeared first on Kitco News."
  { rule: 'originally-published', reason: 'boilerplate', maxWords: 60, sentence: true,
    re: /^The post .{1,300} appeared first on .{1,100}$/ },
  // Feed notes (NDTV, Hindustan Times, Investing.com, PR Newswire): "(This story has not been edited by NDTV staff and is auto-generated from a syndicated feed.)"
  { rule: 'originally-published', reason: 'boilerplate', maxWords: 40, sentence: true,
    re: /^\W{0,4}(?:this (?:story|article|report|news|content) (?:has not been|was not|is not) edited by\b|(?:only the headline|except for the headline)\b.{0,80}\bedited\b|this (?:story|article|report) (?:is|was|has been) (?:auto-generated|published|sourced) from an? (?:syndicated|wire agency|agency) feed)/i },
  { rule: 'originally-published', reason: 'boilerplate', maxWords: 60, sentence: true,
    re: /^\W{0,4}(?:this (?:article|story|content|report) was (?:generated|written|produced|created|translated)(?: in part)? (?:with the (?:help|support|assistance) of|by|using) (?:ai|artificial intelligence|an ai)\b|view original content\b|our standards\s*[:：])/i },
  // Funding notes (AP): "The Associated Press receives support from ... The AP is solely responsible for all content."
  { rule: 'funding-note', reason: 'boilerplate', maxWords: 80, sentence: true,
    re: /^\W{0,4}(?:the )?(?:associated press|ap)(?:'s| [\w ]{1,40})? receives (?:financial )?support from\b/i },
  // Portal footers (Mint, Economic Times): "Catch all the Business News, Market News ... Download The Mint News App ..."
  { rule: 'site-chrome', reason: 'boilerplate', maxWords: 60,
    re: /^\W{0,4}catch all the\b.{0,200}\b(?:news|updates)\b/i },
  // Time stamps kept by extractors (The Hindu, ET): "Published - August 20, 2025 10:15 pm IST", "Updated: 20 Aug 2025"
  { rule: 'published-stamp', reason: 'boilerplate', maxWords: 12,
    re: /^\W{0,4}(?:published|updated|posted|last updated|first published)(?: on| at)?\s*[:：\-–—]?\s*(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*,?\s+)?(?:\w{3,9}\.? \d{1,2},? \d{4}|\d{1,2} \w{3,9}\.? \d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{2,4})\b[\w\s:.,|/()+-]{0,40}$/i },
  // Editor's notes (CNN, Guardian): "Editor's note: This story has been updated ..."; "This article has been updated to include ..."
  { rule: 'editor-note', reason: 'boilerplate', maxWords: 60, sentence: true,
    re: /^\W{0,4}(?:editor'?s note\s*[:：]|this (?:article|story|post|report) (?:has been|was) (?:updated|corrected|amended)\b)/i },
  // Wire credits in parentheses (Reuters 2000s-2020s): "(Reporting by Jane Doe in London; Editing by John Roe)"
  { rule: 'wire-credit', reason: 'boilerplate', maxWords: 70, sentence: true,
    re: /^\(\s*(?:additional |further )?(?:reporting|writing|editing|compiled|compilation|research|graphics?|production|translation|translated|fact-checking|interviews?)(?: and (?:reporting|writing|editing|research))? by\b[^()]{0,400}\)\s*\.?$/i },
  // Unparenthesised credit chains (Reuters on Yahoo, Investing.com): "Reporting by Jane Doe; Editing by John Roe"
  { rule: 'wire-credit', reason: 'boilerplate', maxWords: 70, sentence: true,
    re: /^(?:[Aa]dditional |[Ff]urther )?(?:[Rr]eporting|[Ww]riting|[Ee]diting|[Cc]ompiled|[Rr]esearch|[Gg]raphics)(?: and (?:reporting|writing|editing))? by\b[^.;]{0,150}(?:;\s*(?:[Aa]dditional |[Ff]urther )?(?:[Rr]eporting|[Ww]riting|[Ee]diting|[Cc]ompiled|[Rr]esearch|[Gg]raphics)(?: and (?:reporting|writing|editing))? by\b[^.;]{0,150})+\.?$/ },
  // Single credit made only of names (Rolling Stone, AP): "Additional reporting by Joseph Hudak"
  { rule: 'wire-credit', reason: 'boilerplate', maxWords: 20, sentence: true,
    re: /^(?:[Aa]dditional |[Ff]urther )?(?:[Rr]eporting|[Ww]riting|[Ee]diting|[Cc]ompiled|[Rr]esearch|[Gg]raphics|[Ii]nterviews?) by (?:(?:[A-Z][\w.'’-]*|and|in|from|at|for|the)(?:\s+|,\s*|\s*[&/]\s*|$)){1,14}\.?$/ },
  // Credits by agency or helper (Bloomberg, Mining.com, Indian wires): "--With assistance from Jane Doe.", "(With inputs from agencies)", "(By Cecilia Jamasmie)"
  { rule: 'wire-credit', reason: 'boilerplate', maxWords: 40, sentence: true,
    re: /^(?:[-–—]+\s*)?(?:\(\s*[Bb]y|\(?\s*(?:[Ww]ith (?:the )?(?:assistance|inputs?|files|reporting) (?:from|by)|[Ss]ynthesi[sz]ed by|[Tt]ranslated by|[Cc]ompiled (?:and edited )?by))\s+(?:[A-Z][\w.'’-]*|agencies|agency reports|wire services|staff)(?:(?:,\s*|\s+|\s*[&/]\s*)(?:[A-Z][\w.'’-]*|and|in|agencies|staff))*\s*\)?\.?$/ },
  // Contributor notes (VOA, AP, CNN): "Kateryna Lisunova and Iryna Shynkarenko contributed to this report."
  { rule: 'wire-credit', reason: 'boilerplate', maxWords: 30, sentence: true,
    re: /^(?:(?:[A-Z][\w.'’-]*|and|in|from|of|the|&),?\s+){1,16}contributed (?:additional |to )?(?:reporting|research|this (?:report|story|article))(?: to this (?:report|story|article))?(?:\s+(?:from|in) [A-Z][\w.'’ ,-]*)?\s*\.?$/ },
  // AP style: "Associated Press writers Jill Lawless in London and Lorne Cook in Brussels contributed."
  { rule: 'wire-credit', reason: 'boilerplate', maxWords: 45, sentence: true,
    re: /^(?:The )?(?:Associated Press|AP|Reuters|AFP|Bloomberg|CNN|BBC|NPR)(?: [Ww]riters?| [Rr]eporters?| [Cc]orrespondents?| [Ss]taff(?: [Ww]riters?)?| [Pp]hotographers?)\b.{0,200}\bcontributed\b.{0,40}$/ },
  // Copyright footers (Dow Jones, CBS, Hearst): "Copyright ©2019 Dow Jones & Company, Inc. All Rights Reserved."
  { rule: 'copyright', reason: 'boilerplate', maxWords: 60,
    re: /^\W{0,3}(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\)|\d{4}|by\b|@\s*\d{4}))/i },
  { rule: 'copyright', reason: 'boilerplate', maxWords: 45, needs: ['ights', 'IGHTS'],
    re: /\ball rights reserved\b/i },
  // Fox News / AP reuse notice: "This material may not be published, broadcast, rewritten, or redistributed."
  { rule: 'copyright', reason: 'boilerplate', maxWords: 70,
    re: /^\W{0,4}(?:this|the|all|no part of this|such) (?:material|article|content|story|report|information|contents|publication)s?\b.{0,40}?\bmay not be (?:published|reproduced|copied|republished|redistributed|reprinted)\b.{0,80}\b(?:broadcast|rewritten|redistributed|without (?:the )?(?:prior )?(?:express )?(?:written )?(?:permission|consent))/i },
  // Link prompts (Fox, Motor Cycle Monthly, The Sun): "CLICK HERE TO GET THE FOX NEWS APP", "Click here for NBCSN TV listings"
  { rule: 'click-here', reason: 'boilerplate', maxWords: 40,
    re: /^\W{0,4}(?:click|tap) (?:here|to|the|on|below|this)\b/i },
  { rule: 'click-here', reason: 'boilerplate', maxWords: 40, needs: ['lick', 'LICK'],
    re: /\bclick here\b/i },
  // Cookie banners (GDPR notices on EU and UK sites): "We use cookies to understand how you use our site ..."
  { rule: 'cookie-notice', reason: 'boilerplate', maxWords: 90,
    re: /^\W{0,4}(?:(?:we|this (?:web)?site|our (?:web)?site|this website|(?:[\w.]+\.(?:com|org|net|co\.uk)))(?: also)? (?:uses?|may use|is using) cookies\b|by (?:continuing|using|browsing)(?: to (?:use|browse))? (?:this|our) (?:web)?site\b)/i },
  { rule: 'cookie-notice', reason: 'boilerplate', maxWords: 10, needs: ['ookie', 'OOKIE'],
    re: /\bcookies?\b.{0,30}\b(?:policy|preferences|settings|consent)\b|^\W{0,4}(?:accept|reject|manage|allow)(?: all)? cookies\b/i },
  // Photo captions and credits (SFGATE, Rolling Stone, Express): "Photo: John Locher, AP", "Photo by Jason Kempin/Getty Images"
  { rule: 'photo-credit', reason: 'boilerplate', maxWords: 35,
    re: /^\W{0,3}(?:photo|photograph|image|picture|pic|graphic|illustration|file photo|main image|top image|header image|featured image|cover image|pictured|credit|photo credit|image credit|image source|photo source|caption)s?\s*[:：|]\s*\S/i },
  { rule: 'photo-credit', reason: 'boilerplate', maxWords: 25,
    re: /^\W{0,3}\(?\s*(?:photo|image|picture)s?\s+(?:by|courtesy of|courtesy|credit|©)\s/i },
  // Caption lines ending in a credit (Daily Express, The Sun, CNBC): "Protesters have worn masks (Image: GETTY )", "Natalie Naccache | Bloomberg | Getty Images"
  { rule: 'photo-credit', reason: 'boilerplate', maxWords: 60, tail: 160, needs: ['(', '[', '|', '/', '–', '—', 'via', 'VIA', 'Credit'],
    re: /(?:[(\[]\s*(?:photo|image|picture|pic|credit|source|file photo|illustration)s?\s*(?:[:：]|by)\s*[^)\]]{1,80}[)\]]|(?:[|/–—]|\bvia\b)\s*(?:getty(?: images)?|shutterstock|istock(?:photo)?|alamy|ap photo|afp|epa(?:-efe)?|reuters|bloomberg|sipa usa|anadolu(?: agency)?|xinhua|imago|nurphoto)(?:\s*\/\s*[^)]{1,60})?|\bCredit\s*:\s*[^)]{1,60})\s*\)?\s*\.?$/i },
  // Author contact lines (regional US papers): "Contact the reporter at jdoe@example.com"
  { rule: 'author-bio', reason: 'boilerplate', maxWords: 30,
    re: /^\W{0,4}(?:contact|email|e-mail|reach|write to) (?:the )?(?:author|reporter|writer|columnist|editor)s?\b/i },
  // Section heading for bios (The Conversation, Medium, crypto blogs): "About the author"
  { rule: 'author-bio', reason: 'boilerplate', maxWords: 6,
    re: /^\W{0,4}about the (?:author|writer|reporter|contributor)s?\W{0,3}$/i },
  // Bylines kept by extractors (Reuters, AP, Yahoo): "By Jane Doe and John Roe", "By Reuters Staff"
  { rule: 'byline', reason: 'boilerplate', maxWords: 14,
    re: /^By\s+(?!(?:The|A|An|Contrast|Comparison|Then|Now|Far|Law|Using|Some|Most|All|Many|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Mid|Early|Late|End|Year|Next|Last|This|That|These|Those|Then|Noon|Midnight|Friday)\b)[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|de|da|van|von|der|al|el|bin|le|la|du))*(?:(?:\s*,|\s+[|–—-]|\s+(?:for|of|in))\s+[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*)*)*$/ },
  { rule: 'byline', reason: 'boilerplate', maxWords: 8,
    re: /^By\s+(?:Reuters|AFP|AP|The Associated Press|Associated Press|Bloomberg|Xinhua|TASS|[A-Z][\w.'’-]* (?:Staff|Desk|Team|Newsroom|Reporters?|Correspondents?))\W{0,3}$/ },
  // Press-release contact lines (State Department, company releases): "For further information, please contact ENR-PD-Clearances@state.gov."
  { rule: 'contact-line', reason: 'boilerplate', maxWords: 60, sentence: true,
    re: /^\W{0,4}(?:for (?:further|more|additional) information(?: (?:on|about|regarding) [^,]{1,100})?,? (?:please )?(?:contact|see|visit|click|go to|call|email|e-mail|write to|refer to|read)|(?:for )?(?:media|press|investor|news media|public) (?:inquiries|enquiries|contacts?|relations)\s*(?:[:：,]|only|please|should|may|can)|(?:media|press|investor) contacts?\s*[:：]?\s*$|(?:media |press |investor )?contacts?\s*[:：].{0,120}(?:@|\+?\d[\d ().-]{6,}\d)|to (?:contact|reach) (?:the )?(?:reporter|author|editor|writer)s?\b)/i },
  // Ad slots (NYT, WaPo, Globe and Mail): "Advertisement", "Story continues below advertisement"
  { rule: 'advertisement', reason: 'boilerplate', maxWords: 8,
    re: /^\W{0,4}(?:advertisement|advertising|ad|ads|story continues(?: below)?(?: advertisement| this ad)?|continue reading(?: below| the main story| this article)?|scroll (?:down )?to continue(?: with content| reading)?|article continues (?:below|after)(?: this)?(?: advertisement| ad)?|skip advert(?:isement)?|content continues below|remove ads|ad feedback)\W{0,4}$/i },
  { rule: 'advertisement', reason: 'boilerplate', maxWords: 8,
    re: /^\W{0,4}(?:advertise (?:with|on) |how to advertise\b)/i },
  // Tag and category strips (WordPress, Indian portals): "Tags: ads, advertisement, awareness, meth"
  { rule: 'tags-line', reason: 'boilerplate', maxWords: 60,
    re: /^\W{0,4}(?:tags|tagged|topics|filed under|categories|category|keywords|related topics|more about|posted in)\s*[:：]/i },
  // Account chrome (Sportsnet, WSJ, SFGATE): "Sign In / Sign Up", "Log in Subscribe", "Subscribe Sign in"
  { rule: 'site-chrome', reason: 'boilerplate', maxWords: 10,
    re: /^\W{0,4}(?:sign in|log ?in|sign out|log ?out|register|sign[- ]?up|subscribe|my account|create (?:an )?account)(?:(?:\s*(?:\/|\||·|,)\s*|\s+(?:or|and)\s+|\s+|)(?:sign in|log ?in|register|sign[- ]?up|subscribe|subscriber services|create (?:an )?account|my account))*\W{0,3}$/i },
  // Footer menus (LA Times, Moneycontrol, IGN): "Terms of Use | Privacy | Sitemap | About Our Ads"
  { rule: 'site-chrome', reason: 'boilerplate', maxWords: 30, needs: ['|', '·', '•'],
    re: /\b(?:privacy(?: policy| notice)?|terms of (?:use|service)|terms (?:and|&) conditions|cookie policy|contact us|about us|sitemap|site map|advertise with us|ad choices)\b/i,
    requires: /^(?:[^|·•]{1,40}[|·•]\s*)+[^|·•]{0,40}$/ },
  { rule: 'site-chrome', reason: 'boilerplate', maxWords: 6,
    re: /^\W{0,4}(?:privacy policy|privacy notice|terms of (?:use|service)|terms (?:and|&) conditions|cookie policy|contact us|about us|sitemap|site map|ad choices|manage subscriptions?|back to top|skip to (?:main )?content|print this page|open in app|reuse this content|opens new tab)\W{0,3}$/i },
  // App promos (CTV, CBS News, Fox): "Download the CTV News App", "Get the app", "Open in App"
  { rule: 'app-promo', reason: 'boilerplate', maxWords: 15,
    re: /^\W{0,4}(?:download|get|install|open in|try|available on) (?:the |our |it on the )?(?:[\w.&'’-]+ ){0,3}(?:news )?(?:app|apps|app store|google play)\b/i },
  // Audio/reading widgets (Forbes, Bloomberg): "Listen to this article", "4 min read"
  { rule: 'reading-time', reason: 'boilerplate', maxWords: 10,
    re: /^\W{0,4}(?:listen to (?:this|the) (?:article|story)\b|\d+\s*(?:min(?:ute)?s?|mins?)\.? read\W{0,3}$|reading time\s*[:：])/i },
  // Comment widgets (WordPress, Disqus): "Leave a comment", "You must be logged in to leave a comment."
  { rule: 'comments-widget', reason: 'boilerplate', maxWords: 15,
    re: /^\W{0,4}(?:leave a (?:comment|reply)|post a comment|join the (?:conversation|discussion)|show comments|view comments|load comments|\d+ comments?\W{0,3}$|comments? \(\d+\)|you must be logged in to (?:post|leave) a comment|comments are closed)\b/i },
];

/** Weaker cues that mean "not content" only in the last lines of the article. */
const TAIL_PATTERNS: readonly RemovalPattern[] = [
  // 1987 Reuters bodies end in " Reuter" / " REUTER" / "REUTER..."; modern wires sign off "-- Reuters", "(AP)", "AFP".
  { rule: 'wire-signoff', reason: 'boilerplate', maxWords: 2, sentence: true,
    re: /^(?:[-–—]+\s*)?\(?(?:Reuters?|REUTERS?|reuters?|AP|AFP|UPI|Xinhua|XINHUA|TASS|dpa|DPA|EFE|ANI|PTI|IANS|Bloomberg|Interfax|Yonhap|Kyodo|Bernama)\)?(?:\.{1,3}|…)?(?:\^M)?$/ },
  // Wire continuation marker at the end of a take (1987 Reuters " More"); press-release end marks "###", "-30-", "(ENDS)".
  { rule: 'wire-more', reason: 'boilerplate', maxWords: 1,
    re: /^(?:MORE|More|more)(?:\.{3}|…)?$/ },
  { rule: 'end-marker', reason: 'boilerplate', maxWords: 3,
    re: /^(?:#{3,}|-30-|\*{3,}|[-–—=_]{3,}|\(?ends?\)?|-+\s*ends?\s*-+)$/i },
  // Author bios at the foot of op-eds (Cointelegraph, The Hill, Forbes): "Jane Doe is a senior reporter at ..."
  { rule: 'author-bio', reason: 'boilerplate', maxWords: 70,
    re: /^(?:[A-Z][\w.'’-]+\s+){1,3}(?:is|was|has been) (?:a|an|the)\s+(?:[\w-]+\s+){0,5}(?:reporter|writer|journalist|correspondent|editor|columnist|contributor|author|analyst|freelancer|blogger|commentator|producer|fellow)s?\b(?:\s+[\w-]+){0,3}\s+(?:at|for|with|of)\s+(?:the\s+)?[A-Z]/ },
  { rule: 'author-bio', reason: 'boilerplate', maxWords: 40,
    re: /^(?:[A-Z][\w.'’-]+\s+){1,3}(?:covers|writes about|reports on)\b.{0,150}\b(?:for|at)\b/ },
  // Share-bar remnants: "Share", "Facebook Twitter LinkedIn Email", "Comments" (capitalised, as buttons are; "share." ends Reuters tables)
  { rule: 'share-line', reason: 'boilerplate', maxWords: 10,
    re: /^\W{0,4}(?:Share|SHARE|Tweet|Print|E-?mail|Facebook|Twitter|X|LinkedIn|Linkedin|WhatsApp|Whatsapp|Telegram|Reddit|Pinterest|Flipboard|Copy [Ll]ink|Copy URL|Comments?|\d+ [Cc]omments?)(?:(?:\s*[|/·,•]\s*|\s+|)(?:Share|Tweet|Print|E-?mail|Facebook|Twitter|X|LinkedIn|Linkedin|WhatsApp|Whatsapp|Telegram|Reddit|Pinterest|Flipboard|Copy [Ll]ink|Copy URL|Comments?))*\s*:?$/ },
  // Hashtag rows and handles (crypto blogs): "#Bitcoin #Crypto #Binance", "Twitter: @janedoe"
  { rule: 'tags-line', reason: 'boilerplate', maxWords: 20,
    re: /^(?:#[\w-]+\s*)+$|^\W{0,4}(?:twitter|x|telegram|instagram|linkedin|email|e-mail)\s*[:：]\s*\S+$/i },
  // Syndication source at the end of aggregated copy (Yahoo, MSN, Investing.com): "Source: Reuters"
  { rule: 'source-credit', reason: 'boilerplate', maxWords: 12,
    re: /^\W{0,4}(?:(?:[Ss]ources?|SOURCES?|[Vv]ia|VIA|[Hh]at tip|[Ww]ith inputs from|[Ii]nputs from)\s*[:：]|SOURCE |h\/t:? |H\/T:? )\s*[A-Z][\w.&'’ ,/-]{0,80}$/ },
  // Position disclosures at the foot of market stories (Motley Fool, Seeking Alpha): "The Motley Fool has positions in and recommends Nvidia."
  { rule: 'disclaimer', reason: 'boilerplate', maxWords: 60, sentence: true,
    re: /^(?:[\w.&'’-]+\s+){1,6}(?:has|holds|have|hold) (?:no )?(?:positions?|beneficial long positions?) in\b/ },
  // Press-wire and PR-service taglines by shape, at the foot of syndicated copy: a name, then what it is or does
  // for whom and to what end ("BlockBeat Newswire gives Web3 projects a direct line to top-tier media coverage",
  // "CoinPulse Wire: the distribution partner for crypto brands that want headlines"). Tried only at the end.
  { rule: 'press-wire-tagline', reason: 'promotional', maxWords: 45,
    re: /^\W{0,4}[A-Z][\w.&'’-]*(?:\s+[A-Z0-9][\w.&'’-]*){0,5}(?:\s*[:：–—,]\s*|\s+(?:is|are)\s+|\s+(?:helps|enables|empowers|connects|gives|offers|provides|delivers|puts|gets|brings|lets|allows|supports|specializes in|specialises in|works with|partners with)\s+)/,
    requires: /^(?!.*\b(?:said|says|told|according to|reported|warned)\b).*\b(?:crypto\w*|blockchain|web3|defi|nft|fintech|brands?|projects?|startups?|companies|businesses|founders|clients|issuers|protocols)\b.{0,120}\b(?:headlines?|media|coverage|exposure|visibility|audiences?|readers|publishers|outlets|spotlight|publicity|news ?cycle|distribution|press releases?|PR)\b/i },
  // Bare links left at the foot of scraped posts.
  { rule: 'bare-url', reason: 'boilerplate', maxWords: 2,
    re: /^\W{0,4}(?:https?:\/\/|www\.)\S+$/i },
  // Crypto risk warnings: "Investing in cryptocurrencies involves significant risk. Readers should do their own research."
  // (Not when the line reports someone saying it: "Investing in bitcoin remains risky, the SEC chair warned.")
  { rule: 'disclaimer', reason: 'boilerplate', maxWords: 60, sentence: true, requires: NOT_REPORTED,
    re: /^\W{0,4}(?:(?:investing|trading|investments?) in (?:crypto\w*|digital assets?|bitcoin|stocks|securities|cfds?)|crypto\w* (?:investments?|assets?|trading)|(?:readers|investors|you) should (?:do|conduct|carry out) (?:their|your) own (?:research|due diligence)|past performance is not)\b.{0,200}\b(?:risks?|risky|volatile|research|due diligence|indicative|guarantee)/i },
];

/** Short lines that continue a promotional (or colon-introduced) block. */
const CONTINUATION: readonly RegExp[] = [
  // List items under a promo ("- New account registration link: ...", "• 20% fee discount").
  /^[-–—•*·▪►✓✔➤→]\s*\S/u,
  // A lone URL ("https://accounts.example.com/register").
  /^\W{0,4}(?:https?:\/\/|www\.)\S+\W{0,2}$/i,
  // "Label: value" rows ("Referral code: Q2FSX523", "Bonus: up to 100 USDT").
  /^[\w’' -]{1,40}[:：]\s*\S{1,80}$/,
  // A lone code ("Q2FSX523").
  /^\W{0,2}[A-Z0-9]{4,16}\W{0,2}$/,
];
const CONTINUATION_MAX_WORDS = 20;

/** Section headings after which the rest of a short tail is boilerplate (press releases, op-eds). */
const SECTION_HEADINGS: readonly RemovalPattern[] = [
  // Company boilerplate at the end of GlobeNewswire / PR Newswire / Chainwire releases: "About Acme Mining Corp."
  { rule: 'about-section', reason: 'boilerplate', maxWords: 7,
    re: /^\W{0,4}About (?:the (?:author|writer|company|authors)|us|[A-Z][\w&.,'’-]*(?:\s+(?:[A-Z0-9][\w&.,'’-]*|of|and|&|de|for|the)){0,5})\s*[:：]?$/ },
  // Press-release closers: "Media Contact:", "Forward-Looking Statements", "Safe Harbor Statement"
  { rule: 'contact-line', reason: 'boilerplate', maxWords: 6,
    re: /^\W{0,4}(?:media|press|investor|news media)? ?(?:contacts?|inquiries|enquiries)\s*[:：]?$/i },
  { rule: 'forward-looking', reason: 'boilerplate', maxWords: 8,
    re: /^\W{0,4}(?:cautionary (?:note|statement) (?:regarding|on|about) )?(?:forward[- ]looking (?:statements?|information)|safe harbou?r statement)\W{0,3}$/i },
];
/** A section heading may start a boilerplate tail only if at most this many units follow it. */
const SECTION_MAX_UNITS_AFTER = 8;

/** Unit texts ending in this are headings (no sentence punctuation) for the repeated-heading check. */
const SENTENCE_FINAL = /[.!?:;…"”'’)\]]$/;
/** Sentence boundary: terminal punctuation, optional closing quote/bracket, space, then a capital or digit. */
const SENTENCE_BOUNDARY = /[.!?…]+["'”’)\]]*(?=\s+["“‘'(\[]?[A-Z0-9])/g;
/** Words whose trailing period does not end a sentence ("Mr. Putin", "Jan. 5", "Corp. said"). */
const ABBREVIATIONS: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sen', 'rep', 'gov', 'gen', 'col', 'lt', 'sgt', 'capt', 'cmdr', 'adm', 'maj',
  'st', 'jr', 'sr', 'inc', 'co', 'corp', 'ltd', 'plc', 'bros', 'no', 'nos', 'vs', 'v', 'etc', 'approx', 'dept',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'mt', 'ft', 'pres', 'rev',
  'fig', 'vol', 'est', 'op', 'cf', 'al', 'e.g', 'i.e', 'u.s', 'u.k', 'u.n', 'a.m', 'p.m',
]);
/** A repeated sentence needs at least this many words containing a letter. */
const REPEATED_MIN_WORDS = 5;
/** A repeated-heading prefix is looked up by its first this-many words. */
const HEADING_KEY_WORDS = 5;
/** Headings longer than this are paragraphs, not headings. */
const HEADING_MAX_WORDS = 20;
/** Hard-wrapped text (1987 Reuters): share of lines of typical wrap width that end mid-sentence. */
const WRAP_MIN_SHARE = 0.4;
const WRAP_MIN_LEN = 40;
const WRAP_MAX_LEN = 90;
const QUOTE_CHARS = /["“”«»]/;
/** A quotation of at least this many words makes a sentence a quote (scare quotes like "net" do not). */
const QUOTE_MIN_SPACES = 3;
/** Repeated rows of figures are tables, not headings ("Avg shrs 13.9 mln vs 13.8 mln"). */
const NUMERIC_MAX_SHARE = 0.2;
/** Column alignment (two or more spaces inside a line) marks a table row (1987 Reuters results tables). */
const TABLE_ROW = /[^\s.!?"”'’)] {2,}\S/;
/** A sentence seen this many times is a recurring label (live-blog tallies, meal-plan rows), not a repeated heading. */
const RECURRING_MIN_COUNT = 3;
/** In hard-wrapped text, a line like this starts its own unit even without indentation ("REUTER...^M"). */
const WRAP_BREAK = /^(?:REUTERS?|Reuters?|reuter)\b/;
const LETTER = /\p{L}/u;
/** Whitespace that must be collapsed before comparing or matching (runs, tabs, newlines). */
const MESSY_SPACE = /\s\s|[^\S ]/;
const COLLAPSE_SPACE = /\s{2,}|[^\S ]/g;
/** "U.S.", "E.O.", "a.m.": a dotted abbreviation, not a sentence end. */
const DOTTED_ABBREVIATION = /^[A-Za-z](?:\.[A-Za-z])+$/;

/**
 * Pre-test for LINE_PATTERNS. Start-anchored patterns are combined, per flag set, into one regex under a
 * single leading ^ (tried at position 0 only); the others run alone behind their cheap `needs` test. A unit
 * that passes neither cannot match any line pattern, so the ordered pattern list runs only on the few
 * percent of lines that look like boilerplate.
 */
const LINE_GATE: { anchored: readonly RegExp[]; free: readonly RemovalPattern[] } = buildGate(LINE_PATTERNS);

function buildGate(patterns: readonly RemovalPattern[]): { anchored: RegExp[]; free: RemovalPattern[] } {
  const groups = new Map<string, string[]>();
  const free: RemovalPattern[] = [];
  for (const p of patterns) {
    const src = p.re.source;
    if (p.needs || !src.startsWith('^') || hasTopLevelAlternation(src)) {
      free.push(p);
      continue;
    }
    const flags = p.re.flags.replace(/[gy]/g, '');
    const list = groups.get(flags) ?? [];
    list.push(`(?:${src.slice(1)})`);
    groups.set(flags, list);
  }
  const anchored: RegExp[] = [];
  for (const [flags, list] of groups) anchored.push(new RegExp(`^(?:${list.join('|')})`, flags));
  return { anchored, free };
}

/** Whether a regex source has a '|' outside any group or character class. */
function hasTopLevelAlternation(src: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let k = 0; k < src.length; k++) {
    const c = src[k];
    if (c === '\\') {
      k++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

interface Unit {
  start: number;
  end: number;
  /** The unit's text with whitespace runs collapsed to one space. */
  text: string;
  /** False when `text` equals text.slice(start, end), so offsets map one to one. */
  collapsed: boolean;
  words: number;
  /** Column-aligned row (tables are data, never repeated headings). */
  table: boolean;
}

interface Mark {
  start: number;
  end: number;
  reason: RemovedReason;
  rule: string;
}

/** Finds spans of `text` that are not article content. Offsets are into `text` (JS string indices, end exclusive); sorted; non-overlapping (merge touching spans of the same reason). */
export function findRemovedSpans(text: string): RemovedSpan[] {
  const units = splitUnits(text);
  const n = units.length;
  if (n === 0) return [];
  const marks: (Mark | null)[] = new Array<Mark | null>(n).fill(null);

  // 1. Line patterns anywhere (behind the gate; free patterns whose needles are absent from the text are skipped).
  const free = LINE_GATE.free.filter((p) => !p.needs || containsAny(text, p.needs));
  for (let i = 0; i < n; i++) {
    if (!passesGate(units[i], free)) continue;
    const p = matchPatterns(units[i], LINE_PATTERNS);
    if (p) marks[i] = unitMark(units[i], p);
  }

  // 2. Blocks: promotional lines and colon-ended marked lines swallow the short lines that continue them.
  for (let i = 0; i < n; i++) {
    const m = marks[i];
    if (!m) continue;
    const u = units[i];
    if (m.reason !== 'promotional' && !u.text.endsWith(':')) continue;
    // A short lead-in ending in ':' just above a promotional line ("Exclusive offer for our readers:").
    if (m.reason === 'promotional' && i > 0 && !marks[i - 1]) {
      const prev = units[i - 1];
      if (prev.text.endsWith(':') && prev.words <= 25 && !QUOTE_CHARS.test(prev.text)) {
        marks[i - 1] = { start: prev.start, end: prev.end, reason: m.reason, rule: 'block-lead' };
      }
    }
    for (let j = i + 1; j < n && !marks[j] && isContinuation(units[j]); j++) {
      marks[j] = { start: units[j].start, end: units[j].end, reason: m.reason, rule: m.rule };
    }
  }

  // 3. Section headings near the end ("About Acme Corp.", "Media contact:") take the short tail after them.
  for (let i = Math.max(0, n - 1 - SECTION_MAX_UNITS_AFTER); i < n; i++) {
    const m = marks[i];
    if (m && m.rule !== 'author-bio') continue;
    const p = matchPatterns(units[i], SECTION_HEADINGS);
    if (!p) continue;
    for (let j = i; j < n; j++) if (!marks[j]) marks[j] = unitMark(units[j], p);
    break;
  }

  // 4. Tail walk: from the last unit up, accept marked units and tail-only cues.
  const extra: Mark[] = [];
  let pending: number[] = [];
  let i = n - 1;
  for (; i >= 0; i--) {
    const m = marks[i];
    if (m) {
      commitPending(pending, m, units, marks);
      pending = [];
      continue;
    }
    const p = matchPatterns(units[i], TAIL_PATTERNS);
    if (p) {
      const tm = unitMark(units[i], p);
      marks[i] = tm;
      commitPending(pending, tm, units, marks);
      pending = [];
      continue;
    }
    if (isContinuation(units[i])) {
      pending.push(i);
      continue;
    }
    break;
  }
  // The walk stopped on a content unit (not on unconfirmed continuation lines): try its last sentences.
  if (i >= 0 && pending.length === 0) markTrailingSentences(text, units[i], extra);

  // 4b. Promotion by block: a promotional line after the article's last paragraph of news takes the whole block
  // it belongs to, from just after that paragraph to the end (a reworded tagline, a "Trade smarter!" line).
  markPromotionalBlock(text, units, marks);

  // 5. Repeated sentences and headings.
  findRepeated(text, units, marks, extra);

  const all: Mark[] = [];
  for (const m of marks) if (m) all.push(m);
  for (const m of extra) all.push(m);
  return finalize(text, all);
}

/** A paragraph of news: prose of some length that ends a sentence, without the marks of promotion (a link,
 *  an address to the reader, an exclamation). */
const NEWS_PARAGRAPH = {
  minWords: 12,
  ends: /[.?"”'’)]$/,
  promoCues: /https?:\/\/|www\.|\b(?:you|your)\b|!/i,
  /** The block may hold at most this share of the text (a promotion is a tail, not the article). */
  maxBlockShare: 0.5,
} as const;

function isNewsParagraph(u: Unit): boolean {
  if (u.words < NEWS_PARAGRAPH.minWords || !NEWS_PARAGRAPH.ends.test(u.text)) return false;
  // second person inside a quotation is a speaker's, not the page's
  const outsideQuotes = u.text.replace(/["“][^"”]*["”]/g, '');
  if (NEWS_PARAGRAPH.promoCues.test(outsideQuotes)) return false;
  return matchPatterns(u, TAIL_PATTERNS.filter((p) => p.reason === 'promotional')) === null;
}

function markPromotionalBlock(text: string, units: Unit[], marks: (Mark | null)[]): void {
  const n = units.length;
  let lastNews = n - 1;
  while (lastNews >= 0 && (marks[lastNews] || !isNewsParagraph(units[lastNews]))) lastNews--;
  if (lastNews < 0 || lastNews === n - 1) return;
  let promo: Mark | null = null;
  for (let j = lastNews + 1; j < n && !promo; j++) if (marks[j]?.reason === 'promotional') promo = marks[j];
  if (!promo) return;
  if (units[n - 1].end - units[lastNews + 1].start > NEWS_PARAGRAPH.maxBlockShare * text.length) return;
  for (let j = lastNews + 1; j < n; j++) if (!marks[j]) marks[j] = { start: units[j].start, end: units[j].end, reason: 'promotional', rule: 'promotional-block' };
}

function unitMark(u: { start: number; end: number }, p: RemovalPattern): Mark {
  return { start: u.start, end: u.end, reason: p.reason, rule: p.rule };
}

function commitPending(pending: number[], anchor: Mark, units: Unit[], marks: (Mark | null)[]): void {
  for (const j of pending) marks[j] = { start: units[j].start, end: units[j].end, reason: anchor.reason, rule: anchor.rule };
}

function matchPatterns(u: { text: string; words: number }, patterns: readonly RemovalPattern[]): RemovalPattern | null {
  for (const p of patterns) if (u.words <= p.maxWords && matchesOne(u.text, p)) return p;
  return null;
}

function matchesOne(text: string, p: RemovalPattern): boolean {
  const t = p.tail !== undefined && text.length > p.tail ? text.slice(-p.tail) : text;
  if (p.needs && !containsAny(t, p.needs)) return false;
  return p.re.test(t) && (!p.requires || p.requires.test(t));
}

function passesGate(u: Unit, free: readonly RemovalPattern[]): boolean {
  for (const re of LINE_GATE.anchored) if (re.test(u.text)) return true;
  for (const p of free) if (u.words <= p.maxWords && matchesOne(u.text, p)) return true;
  return false;
}

function containsAny(t: string, needles: readonly string[]): boolean {
  for (const s of needles) if (t.includes(s)) return true;
  return false;
}

function isContinuation(u: Unit): boolean {
  if (u.words > CONTINUATION_MAX_WORDS) return false;
  for (const re of CONTINUATION) if (re.test(u.text)) return true;
  return false;
}

/** Splits into trimmed units: lines, or indented paragraphs when the text is hard-wrapped. */
function splitUnits(text: string): Unit[] {
  const wrapped = isHardWrapped(text);
  const units: Unit[] = [];
  let curStart = -1;
  let curEnd = -1;
  const flush = (): void => {
    if (curStart < 0) return;
    const raw = text.slice(curStart, curEnd);
    const collapsed = MESSY_SPACE.test(raw);
    const t = collapsed ? raw.replace(COLLAPSE_SPACE, ' ') : raw;
    units.push({ start: curStart, end: curEnd, text: t, collapsed, words: countSpaces(t) + 1, table: collapsed && raw.includes('  ') && TABLE_ROW.test(raw) });
    curStart = -1;
  };
  const len = text.length;
  for (let pos = 0; pos <= len; ) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = len;
    const lineStart = pos;
    let s = pos;
    let e = nl;
    pos = nl + 1;
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    if (s === e) {
      flush();
      continue;
    }
    let continues = wrapped && curStart >= 0 && s === lineStart && !isBulletStart(text.charCodeAt(s));
    if (continues && (text.charCodeAt(s) | 32) === 114 /* r */ && WRAP_BREAK.test(text.slice(s, e))) continues = false;
    if (continues) {
      curEnd = e;
    } else {
      flush();
      curStart = s;
      curEnd = e;
    }
  }
  flush();
  return units;
}

/** True when most lines stop mid-sentence at a typical wrap width (1987 Reuters bodies). */
function isHardWrapped(text: string): boolean {
  let nonBlank = 0;
  let midSentence = 0;
  const len = text.length;
  for (let pos = 0; pos < len; ) {
    const nl = text.indexOf('\n', pos);
    if (nl < 0) break; // the last line is not counted
    const start = pos;
    let e = nl;
    pos = nl + 1;
    while (e > start && isSpace(text.charCodeAt(e - 1))) e--;
    if (e === start) continue;
    nonBlank++;
    const l = e - start;
    if (l < WRAP_MIN_LEN || l > WRAP_MAX_LEN) continue;
    const c = text.charCodeAt(e - 1);
    // Ends in a letter, digit, comma or hyphen: the sentence continues on the next line.
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 44 || c === 45) midSentence++;
  }
  return nonBlank >= 3 && midSentence / nonBlank >= WRAP_MIN_SHARE;
}

/** Same set as the regex class \s. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 160 || (c > 5000 && (c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff));
}

function countSpaces(t: string): number {
  let n = 0;
  for (let k = 0; k < t.length; k++) if (t.charCodeAt(k) === 32) n++;
  return n;
}

function isBulletStart(c: number): boolean {
  return c === 45 /* - */ || c === 0x2022 /* • */ || c === 42 /* * */ || c === 0x2013 || c === 0x2014;
}

/** Sentence spans [start, end) in u.text coordinates, trimmed. */
function sentencesOf(u: Unit): number[] {
  const t = u.text;
  const out: number[] = [];
  let sStart = 0;
  SENTENCE_BOUNDARY.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SENTENCE_BOUNDARY.exec(t)) !== null) {
    const at = m.index;
    if (t.charCodeAt(at) === 46 /* . */ && isAbbreviation(t, at)) continue;
    const end = at + m[0].length;
    out.push(sStart, end);
    sStart = end;
    while (sStart < t.length && t.charCodeAt(sStart) === 32) sStart++;
  }
  if (sStart < t.length) out.push(sStart, t.length);
  return out;
}

/** Offset in the original text of offset `k` of u.text (whitespace runs were collapsed to one space). */
function toRaw(text: string, u: Unit, k: number): number {
  if (!u.collapsed) return u.start + k;
  let r = u.start;
  for (let j = 0; j < k; j++) {
    if (u.text.charCodeAt(j) === 32) {
      while (r < u.end && isSpace(text.charCodeAt(r))) r++;
    } else {
      r++;
    }
  }
  return r;
}

function isAbbreviation(t: string, dot: number): boolean {
  let w = dot;
  while (w > 0 && t.charCodeAt(w - 1) !== 32 && t.charCodeAt(w - 1) !== 40 /* ( */) w--;
  const word = t.slice(w, dot);
  if (word.length === 0) return false;
  if (word.length === 1 && /[A-Z]/.test(word)) return true; // initials: "John F. Kennedy"
  if (DOTTED_ABBREVIATION.test(word)) return true; // "U.S.", "E.O. 14024"
  return ABBREVIATIONS.has(word.toLowerCase());
}

/** Marks trailing sentences of the last content paragraph that are sign-offs or credits. */
function markTrailingSentences(text: string, u: Unit, out: Mark[]): void {
  const sents = sentencesOf(u);
  if (sents.length < 4) return; // a single-sentence unit was already tested whole
  for (let k = sents.length - 2; k >= 2; k -= 2) {
    const t = u.text.slice(sents[k], sents[k + 1]);
    const p = matchSentencePatterns({ text: t, words: countSpaces(t) + 1 });
    if (!p) return;
    out.push({ start: toRaw(text, u, sents[k]), end: toRaw(text, u, sents[k + 1]), reason: p.reason, rule: p.rule });
  }
}

function matchSentencePatterns(u: { text: string; words: number }): RemovalPattern | null {
  for (const list of [LINE_PATTERNS, TAIL_PATTERNS]) {
    for (const p of list) if (p.sentence && u.words <= p.maxWords && matchesOne(u.text, p)) return p;
  }
  return null;
}

/** Marks later verbatim occurrences of sentences (>= 5 words) and of heading lines used as paragraph openers. */
function findRepeated(text: string, units: Unit[], marks: (Mark | null)[], out: Mark[]): void {
  const counts = new Map<string, number>();
  const later: { mark: Mark; norm: string }[] = [];
  const headings = new Map<string, string[]>();
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    if (marks[i] || u.table) continue;
    // A heading (no sentence punctuation) repeated as the opening words of a later paragraph.
    let headingEnd = -1;
    if (headings.size > 0 && u.words > HEADING_KEY_WORDS) {
      const list = headings.get(keyOf(u.text) ?? '');
      if (list) {
        for (const h of list) {
          if (u.text.length > h.length && u.text.startsWith(h) && u.text.charCodeAt(h.length) === 32) {
            headingEnd = h.length;
            out.push({ start: u.start, end: toRaw(text, u, h.length), reason: 'repeated', rule: 'repeated-heading' });
            break;
          }
        }
      }
    }
    // Every sentence of the unit.
    const sents = sentencesOf(u);
    let inQuote = false;
    for (let k = 0; k < sents.length; k += 2) {
      const s = sents[k];
      const e = sents[k + 1];
      const wasInQuote = inQuote;
      const scan = scanSentence(u.text, s, e, inQuote);
      inQuote = (scan & OPEN_AFTER) !== 0;
      if (wasInQuote || (scan & QUOTATION) !== 0 || (scan & WORDY) === 0 || s < headingEnd) continue;
      const norm = u.text.slice(s, e);
      const c = counts.get(norm) ?? 0;
      counts.set(norm, c + 1);
      if (c > 0) later.push({ mark: { start: toRaw(text, u, s), end: toRaw(text, u, e), reason: 'repeated', rule: 'repeated-heading' }, norm });
    }
    // Remember headings (short, unpunctuated units) for later paragraphs.
    if (u.words >= REPEATED_MIN_WORDS && u.words <= HEADING_MAX_WORDS && !SENTENCE_FINAL.test(u.text) && !QUOTE_CHARS.test(u.text)) {
      const key = keyOf(u.text);
      if ((scanSentence(u.text, 0, u.text.length, false) & WORDY) !== 0 && key !== null) {
        const hs = headings.get(key);
        if (hs) hs.push(u.text);
        else headings.set(key, [u.text]);
      }
    }
  }
  for (const l of later) if ((counts.get(l.norm) ?? 0) < RECURRING_MIN_COUNT) out.push(l.mark);
}

/** Result bits of scanSentence. */
const WORDY = 1;
const QUOTATION = 2;
const OPEN_AFTER = 4;

/**
 * Word shape and quotation state of t[s, e), in one cheap pass over word starts:
 * WORDY: at least REPEATED_MIN_WORDS words starting with a letter, and not mostly figures;
 * QUOTATION: opens with a quote mark, quotes a passage of several words, or leaves a quote open
 * (scare quotes like "net" do not count); OPEN_AFTER: a double-quoted passage is still open at the end.
 */
function scanSentence(t: string, s: number, e: number, openBefore: boolean): number {
  let words = 0;
  let letterWords = 0;
  let numericWords = 0;
  for (let k = s; k < e; ) {
    words++;
    let c = t.charCodeAt(k);
    if (!(c >= 48 && c <= 57) && !isWordChar(c) && k + 1 < e) c = t.charCodeAt(k + 1); // "(3", "$5", "“We"
    if (c >= 48 && c <= 57) numericWords++;
    else if (isWordChar(c)) letterWords++;
    const sp = t.indexOf(' ', k);
    if (sp < 0 || sp >= e) break;
    k = sp + 1;
  }
  let bits = letterWords >= REPEATED_MIN_WORDS && (numericWords < 2 || numericWords / words <= NUMERIC_MAX_SHARE) ? WORDY : 0;
  if (!openBefore && !QUOTE_CHARS.test(t.slice(s, e))) return bits;
  let open = openBefore;
  let openAt = -1;
  let quotedSpaces = 0;
  for (let k = s; k < e; k++) {
    const c = t.charCodeAt(k);
    if (c === 32) {
      if (openAt >= 0) quotedSpaces++;
      continue;
    }
    const opens = c === 0x201c || c === 0xab || (c === 34 && !open);
    const closes = c === 0x201d || c === 0xbb || (c === 34 && open);
    if (opens) {
      if (k === s) bits |= QUOTATION;
      open = true;
      openAt = k;
      quotedSpaces = 0;
    } else if (closes) {
      if (k === s || (openAt >= 0 && quotedSpaces >= QUOTE_MIN_SPACES)) bits |= QUOTATION;
      open = false;
      openAt = -1;
    }
  }
  if (openAt >= 0) bits |= QUOTATION;
  return open ? bits | OPEN_AFTER : bits;
}

/** A letter (ASCII or any non-ASCII letter) — the start of a word, as opposed to a figure or a symbol. */
function isWordChar(c: number): boolean {
  return ((c | 32) >= 97 && (c | 32) <= 122) || (c > 127 && LETTER.test(String.fromCharCode(c)));
}

/** The first HEADING_KEY_WORDS words of a whitespace-collapsed string, or null if it has fewer. */
function keyOf(t: string): string | null {
  let spaces = 0;
  for (let k = 0; k < t.length; k++) {
    if (t.charCodeAt(k) === 32 && ++spaces === HEADING_KEY_WORDS) return t.slice(0, k);
  }
  return null;
}

/** Sorts, drops repeated spans that overlap other marks, merges touching same-reason spans (gap of spaces only). */
function finalize(text: string, marks: Mark[]): RemovedSpan[] {
  marks.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Mark[] = [];
  for (const m of marks) {
    const prev = kept.length > 0 ? kept[kept.length - 1] : null;
    if (prev && m.start < prev.end) {
      // Overlap: a line mark beats a repeated-sentence mark inside it.
      if (m.reason === 'repeated' && prev.reason !== 'repeated') continue;
      if (prev.reason === 'repeated' && m.reason !== 'repeated') {
        kept[kept.length - 1] = { ...m };
        continue;
      }
      if (m.end > prev.end) prev.end = m.end;
      continue;
    }
    kept.push({ ...m });
  }
  const merged: RemovedSpan[] = [];
  for (const m of kept) {
    const prev = merged.length > 0 ? merged[merged.length - 1] : null;
    if (prev && prev.reason === m.reason && onlyHorizontalSpace(text, prev.end, m.start)) {
      prev.end = m.end;
      if (!prev.rule.split('+').includes(m.rule)) prev.rule += `+${m.rule}`;
      continue;
    }
    merged.push({ start: m.start, end: m.end, reason: m.reason, rule: m.rule });
  }
  return merged;
}

function onlyHorizontalSpace(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 9 && c !== 160) return false;
  }
  return true;
}
