package cn.fucai.cms.figure;

/** The level of government a fund share belongs to: 中央, 省级, 市县. */
public enum GovernmentLevel {
    central,
    provincial,
    municipal_county
}
