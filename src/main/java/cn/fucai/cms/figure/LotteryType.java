package cn.fucai.cms.figure;

/** Which lottery a figure is about: welfare (福彩), sports (体彩), or both together. */
public enum LotteryType {
    welfare,
    sports,
    all
}
