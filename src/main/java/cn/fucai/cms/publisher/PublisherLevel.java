package cn.fucai.cms.publisher;

/** Administrative level of a publisher; constants are spelled as on the wire and in the database. */
public enum PublisherLevel {
    national,
    provincial,
    municipal,
    county
}
