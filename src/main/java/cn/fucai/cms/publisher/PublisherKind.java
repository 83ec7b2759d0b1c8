package cn.fucai.cms.publisher;

/** What kind of body publishes: a welfare-lottery issuance centre or a civil-affairs department. */
public enum PublisherKind {
    lottery_centre,
    civil_affairs
}
