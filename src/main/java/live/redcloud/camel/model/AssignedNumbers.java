package live.redcloud.camel.model;

/** Counts of the numbers assigned to the API client, as reported by whoami. */
public class AssignedNumbers extends ExtensibleModel {

    private int total;
    private int smsEnabledCount;
    private int mmsEnabledCount;

    public int getTotal() {
        return total;
    }

    public void setTotal(int total) {
        this.total = total;
    }

    public int getSmsEnabledCount() {
        return smsEnabledCount;
    }

    public void setSmsEnabledCount(int smsEnabledCount) {
        this.smsEnabledCount = smsEnabledCount;
    }

    public int getMmsEnabledCount() {
        return mmsEnabledCount;
    }

    public void setMmsEnabledCount(int mmsEnabledCount) {
        this.mmsEnabledCount = mmsEnabledCount;
    }
}
