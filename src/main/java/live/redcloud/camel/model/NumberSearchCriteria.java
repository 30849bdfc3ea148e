package live.redcloud.camel.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Filters of {@code POST /api/core/numbers/search}; all optional. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NumberSearchCriteria extends ExtensibleModel {

    private String npa;
    private String nxx;
    private String city;
    private String state;
    private String zipCode;
    private String rateCenter;

    public String getNpa() {
        return npa;
    }

    public void setNpa(String npa) {
        this.npa = npa;
    }

    public String getNxx() {
        return nxx;
    }

    public void setNxx(String nxx) {
        this.nxx = nxx;
    }

    public String getCity() {
        return city;
    }

    public void setCity(String city) {
        this.city = city;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public String getZipCode() {
        return zipCode;
    }

    public void setZipCode(String zipCode) {
        this.zipCode = zipCode;
    }

    public String getRateCenter() {
        return rateCenter;
    }

    public void setRateCenter(String rateCenter) {
        this.rateCenter = rateCenter;
    }

    @Override
    public String toString() {
        return "NumberSearchCriteria[npa=" + npa + ", nxx=" + nxx + ", city=" + city + ", state=" + state + ", zipCode="
                + zipCode + ", rateCenter=" + rateCenter + "]";
    }
}
