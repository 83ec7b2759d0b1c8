package cn.fucai.cms.region;

/** Level of an administrative division; constants are spelled as on the wire and in the database. */
public enum RegionLevel {
    country,
    province,
    prefecture,
    county
}
