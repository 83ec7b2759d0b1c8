package cn.fucai.cms.figure;

/** The step of the public-welfare fund (公益金) a figure reports: raised, allocated, used, remitted or retained. */
public enum FundFlow {
    raised,
    allocated,
    used,
    remitted_to_central,
    retained_locally
}
