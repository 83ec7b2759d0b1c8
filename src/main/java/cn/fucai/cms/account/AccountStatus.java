package cn.fucai.cms.account;

/** Whether an account may sign in: a disabled account's sessions end at once and it cannot sign in again. */
public enum AccountStatus {
    active,
    disabled
}
